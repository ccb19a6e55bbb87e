using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>One call of a method: serializes requests, deserializes responses, and runs the four call shapes.</summary>
internal sealed class GrpcCall<TRequest, TResponse> : GrpcHttpCall
    where TRequest : class
    where TResponse : class
{
    private static readonly Status NoMessageStatus = new(StatusCode.Internal, "The server ended a unary response without a message.");
    private static readonly Status ExtraMessageStatus = new(StatusCode.Internal, "The server sent more than one message for a unary response.");

    private readonly Method<TRequest, TResponse> _method;
    private Task<bool> _responseStarted = Task.FromResult(false);
    private int _reading;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
        : base(channel, method, options)
    {
        _method = method;
    }

    /// <summary>True once the call has its final status.</summary>
    public bool IsCallFinished => IsFinished;

    /// <summary>The last message <see cref="MoveNextAsync"/> read.</summary>
    public TResponse? Current { get; private set; }

    public async Task<TResponse> RunUnaryAsync(TRequest request)
    {
        if (!Begin() || !TryCreateUnaryContent(request, out var content) || !await SendAsync(content))
        {
            throw CreateException();
        }

        return await ReadSingleMessageAsync();
    }

    public void StartServerStreaming(TRequest request)
    {
        if (Begin() && TryCreateUnaryContent(request, out var content))
        {
            _responseStarted = SendAsync(content);
        }
    }

    /// <summary>Starts a call whose requests are written through the returned writer.</summary>
    public ClientStreamWriter<TRequest, TResponse> StartRequestStreaming()
    {
        var content = new StreamingRequestContent();
        if (Begin())
        {
            _responseStarted = SendAsync(content);
        }
        else
        {
            content.Dispose();
        }

        return new ClientStreamWriter<TRequest, TResponse>(this, content);
    }

    public async Task<TResponse> ReadClientStreamingResponseAsync()
    {
        if (!await _responseStarted)
        {
            throw CreateException();
        }

        return await ReadSingleMessageAsync();
    }

    /// <summary>Reads the next streamed response: true with <see cref="Current"/> set, false after an OK end.</summary>
    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }

        try
        {
            using var registration = CancelOn(cancellationToken);
            if (!await _responseStarted || IsFinished)
            {
                return EndOfStream();
            }

            if (!await ReadFrameAsync())
            {
                FinishAtEndOfBody(null);
                return EndOfStream();
            }

            Current = Deserialize();
            return true;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>Serializes one streamed request into <paramref name="context"/>; on failure the call fails.</summary>
    public ReadOnlyMemory<byte> SerializeRequest(FrameSerializationContext context, TRequest message)
    {
        try
        {
            return context.Serialize(_method.RequestMarshaller, message, Channel.MaxSendMessageSize);
        }
        catch (Exception e)
        {
            TryFinish(SerializationFailure(e), null, abort: true);
            throw CreateException();
        }
    }

    /// <summary>Throws what a write must throw once the call is over; returns while it is running.</summary>
    public void ThrowIfFinished()
    {
        if (!IsFinished)
        {
            return;
        }

        if (GetStatus().StatusCode == StatusCode.OK)
        {
            throw new InvalidOperationException("Can't write the message because the call is complete.");
        }

        throw CreateException();
    }

    /// <summary>The exception for a failed write: the call's own when the failure ended it, else the cause.</summary>
    public async Task<Exception> ResolveWriteFailureAsync(Exception exception)
    {
        if (!IsFinished)
        {
            // A write usually fails because the response has ended (say, trailers-only UNIMPLEMENTED); the status
            // arrives with the response headers, which are then due at once.
            await _responseStarted;
        }

        if (IsFinished)
        {
            return GetStatus().StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.", exception)
                : CreateException();
        }

        // The response is still open, so its status is yet to come: report the cause without deciding it.
        return new RpcException(TransportFailure.FromStreamException(exception, "writing the request"));
    }

    private static Status SerializationFailure(Exception e) => e is RpcException rpc
        ? rpc.Status
        : new Status(StatusCode.Internal, "Error serializing the request message: " + e.Message, e);

    private bool TryCreateUnaryContent(TRequest request, out HttpContent content)
    {
        var context = new FrameSerializationContext();
        try
        {
            var frame = context.Serialize(_method.RequestMarshaller, request, Channel.MaxSendMessageSize);
            content = new UnaryRequestContent(context.DetachBuffer(), frame.Length);
            return true;
        }
        catch (Exception e)
        {
            context.ReleaseBuffer();
            TryFinish(SerializationFailure(e), null, abort: true);
            content = null!;
            return false;
        }
    }

    private async Task<TResponse> ReadSingleMessageAsync()
    {
        if (!await ReadFrameAsync())
        {
            FinishAtEndOfBody(NoMessageStatus);
            throw CreateException();
        }

        var message = Deserialize();
        if (await ReadFrameAsync())
        {
            throw Fail(ExtraMessageStatus);
        }

        if (FinishAtEndOfBody(null).StatusCode != StatusCode.OK)
        {
            throw CreateException();
        }

        return message;
    }

    private TResponse Deserialize()
    {
        try
        {
            return _method.ResponseMarshaller.ContextualDeserializer(CurrentPayload);
        }
        catch (Exception e)
        {
            throw Fail(new Status(StatusCode.Internal, "Failed to deserialize the response message: " + e.Message, e));
        }
    }

    private bool EndOfStream() => GetStatus().StatusCode == StatusCode.OK ? false : throw CreateException();
}
