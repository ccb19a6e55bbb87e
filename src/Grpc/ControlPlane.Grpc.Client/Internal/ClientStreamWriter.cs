using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The request stream of a client-streaming or duplex call. Each message is framed, written and flushed before
/// the write completes, so it leaves at once; writes must not overlap.
/// </summary>
internal sealed class ClientStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private const int Idle = 0;
    private const int Writing = 1;
    private const int Completed = 2;

    private readonly GrpcCall<TRequest, TResponse> _call;
    private readonly StreamingRequestContent _content;
    private readonly FrameSerializationContext _serializer = new();
    private int _state;

    public ClientStreamWriter(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
    {
        _call = call;
        _content = content;
    }

    /// <summary>Accepted for API compatibility; messages are never compressed and always flushed.</summary>
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    /// <summary>Writes one message; cancelling <paramref name="cancellationToken"/> cancels the whole call.</summary>
    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (Interlocked.CompareExchange(ref _state, Writing, Idle))
        {
            case Writing:
                throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
            case Completed:
                throw new InvalidOperationException("Can't write the message because the request stream has been completed.");
        }

        try
        {
            _call.ThrowIfFinished();
            using var registration = _call.CancelOn(cancellationToken);
            var frame = _call.SerializeRequest(_serializer, message);
            await WriteFrameAsync(frame);
        }
        finally
        {
            Volatile.Write(ref _state, Idle);
        }
    }

    /// <summary>Ends the request stream: the server reads its end. Completing twice does nothing.</summary>
    public Task CompleteAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Idle) == Writing)
        {
            return Task.FromException(new InvalidOperationException("Can't complete the request stream because a write is in progress."));
        }

        _content.Complete();
        // No write can start any more, so the frame buffer is free.
        _serializer.ReleaseBuffer();
        return Task.CompletedTask;
    }

    private async Task WriteFrameAsync(ReadOnlyMemory<byte> frame)
    {
        var token = _call.CallToken;
        try
        {
            var stream = await _content.GetRequestStreamAsync(token);
            await stream.WriteAsync(frame, token);
            // The HTTP/2 request stream buffers; without a flush a ping-pong peer never sees the message.
            await stream.FlushAsync(token);
        }
        catch (Exception e)
        {
            throw await _call.ResolveWriteFailureAsync(e);
        }
    }
}
