using System.Buffers;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Reads request messages from the request body pipe, one at a time, deserializing each straight from the
/// pipe's buffers. Used by every call shape; unary requests go through <see cref="ReadSingleMessageAsync"/>.
/// </summary>
internal sealed class HttpRequestStreamReader<TRequest>(HttpServerCallContext call, Func<DeserializationContext, TRequest> deserializer)
    : IAsyncStreamReader<TRequest>
    where TRequest : class
{
    private readonly RequestPayloadContext _payload = new();
    private TRequest? _current;
    private bool _reading;
    private bool _endOfStream;

    public TRequest Current => _current ?? throw new InvalidOperationException("There is no current message; call MoveNext first.");

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_reading)
        {
            throw new InvalidOperationException("Can't read the next message while a previous read is still in progress.");
        }

        if (_endOfStream)
        {
            return Task.FromResult(false);
        }

        return ReadNextAsync(cancellationToken);
    }

    /// <summary>Reads the one request message of a unary or server-streaming call and checks that nothing follows it.</summary>
    public async Task<TRequest> ReadSingleMessageAsync(CancellationToken cancellationToken)
    {
        if (!await MoveNext(cancellationToken))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete request: the request message was not received."));
        }

        var message = Current;
        if (await MoveNext(cancellationToken))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the request message."));
        }

        return message;
    }

    private async Task<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        _reading = true;
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != call.CancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
            : null;
        var token = linked?.Token ?? call.CancellationToken;
        var input = call.HttpContext.Request.BodyReader;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(token);
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException("Reading the request was cancelled.", token);
                }

                var buffer = result.Buffer;
                var consumed = buffer.Start;
                var examined = buffer.End;
                try
                {
                    if (MessageFrame.TryRead(ref buffer, call.Runtime.Options.MaxReceiveMessageSize, out var compressed, out var payload))
                    {
                        _current = Deserialize(payload, compressed);

                        // Only what was consumed counts as examined: the next message may already be buffered.
                        consumed = examined = buffer.Start;
                        return true;
                    }

                    if (result.IsCompleted)
                    {
                        if (!buffer.IsEmpty)
                        {
                            throw new RpcException(new Status(StatusCode.Internal, $"Incomplete message: the request ended inside a message ({buffer.Length} bytes received)."));
                        }

                        _endOfStream = true;
                        return false;
                    }
                }
                finally
                {
                    input.AdvanceTo(consumed, examined);
                }
            }
        }
        finally
        {
            _reading = false;
        }
    }

    private TRequest Deserialize(ReadOnlySequence<byte> payload, bool compressed)
    {
        if (compressed)
        {
            if (!call.RequestIsGzip)
            {
                throw new RpcException(new Status(StatusCode.Internal, "A request message is flagged as compressed but the call has no grpc-encoding."));
            }

            payload = GzipPayload.Decompress(payload, call.Runtime.Options.MaxReceiveMessageSize);
        }

        _payload.SetPayload(payload);
        try
        {
            return deserializer(_payload);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the request message.", ex));
        }
        finally
        {
            _payload.Clear();
        }
    }
}
