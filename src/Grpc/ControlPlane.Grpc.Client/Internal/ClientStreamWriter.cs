using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The request stream of a client-streaming or duplex call. A write frames its message into a queue and returns
/// while one sender task writes and flushes the queue: messages written while a batch is on its way leave together
/// in the next write and flush, instead of one write, one flush and two hand-offs to the HTTP/2 connection's writer
/// each. The first write, and any write that leaves more than <see cref="MaxQueuedBytes"/> queued, waits for the
/// queue to drain, so a fast writer is still held back by the transport. Writes must not overlap.
/// </summary>
internal sealed class ClientStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    /// <summary>Queued bytes above which a write waits until everything queued has been sent.</summary>
    internal const int MaxQueuedBytes = 64 * 1024;

    private const int Idle = 0;
    private const int Writing = 1;
    private const int Completed = 2;

    private readonly GrpcCall<TRequest, TResponse> _call;
    private readonly StreamingRequestContent _content;
    private readonly FrameSerializationContext _serializer = new();
    private readonly Lock _lock = new();
    private PendingFrames _queued = new();
    private PendingFrames _sending = new();
    private bool _senderRunning;
    private bool _wroteBefore;
    private Task _sender = Task.CompletedTask;
    private Exception? _failure;
    private int _state;

    public ClientStreamWriter(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
    {
        _call = call;
        _content = content;
    }

    /// <summary>Accepted for API compatibility; messages are never compressed.</summary>
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    /// <summary>Queues one message; cancelling <paramref name="cancellationToken"/> cancels the whole call.</summary>
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
            using var registration = _call.CancelOn(cancellationToken);
            _call.ThrowIfFinished();
            var frame = _call.SerializeRequest(_serializer, message);
            bool startSender;
            bool mustWait;
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                _queued.Append(frame.Span);
                startSender = !_senderRunning;
                _senderRunning = true;
                // The first write waits until it is sent, so that a call the server has already refused (or that
                // cannot connect) fails the write that would open its request stream.
                mustWait = _queued.Length > MaxQueuedBytes || !_wroteBefore;
            }

            _wroteBefore = true;

            if (startSender)
            {
                _sender = SendQueuedAsync();
            }

            if (mustWait)
            {
                await _sender;
                ThrowIfFailed();
            }
        }
        finally
        {
            Volatile.Write(ref _state, Idle);
        }
    }

    /// <summary>
    /// Ends the request stream once every queued message has been sent: the server reads its end. Completing twice
    /// does nothing. Throws if a queued message could not be sent while the call is still running.
    /// </summary>
    public async Task CompleteAsync()
    {
        switch (Interlocked.CompareExchange(ref _state, Completed, Idle))
        {
            case Writing:
                throw new InvalidOperationException("Can't complete the request stream because a write is in progress.");
            case Completed:
                return;
        }

        // Only the writing side starts the sender, and no write can start any more.
        await _sender;
        _content.Complete();
        _serializer.ReleaseBuffer();
        _queued.Release();
        _sending.Release();
        if (!_call.IsCallFinished)
        {
            ThrowIfFailed();
        }
    }

    private void ThrowIfFailed()
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
        }
    }

    /// <summary>Writes and flushes whatever is queued, batch after batch, until the queue is empty; never throws.</summary>
    private async Task SendQueuedAsync()
    {
        var token = _call.CallToken;
        try
        {
            var stream = await _content.GetRequestStreamAsync(token);
            while (true)
            {
                lock (_lock)
                {
                    if (_queued.Length == 0)
                    {
                        _senderRunning = false;
                        return;
                    }

                    (_queued, _sending) = (_sending, _queued);
                }

                await stream.WriteAsync(_sending.Bytes, token);
                // The HTTP/2 request stream buffers; without a flush a ping-pong peer never sees the message.
                await stream.FlushAsync(token);
                _sending.Clear();
            }
        }
        catch (Exception e)
        {
            var failure = await _call.ResolveWriteFailureAsync(e);
            lock (_lock)
            {
                _failure = failure;
                _queued.Clear();
                _sending.Clear();
                _senderRunning = false;
            }
        }
    }
}
