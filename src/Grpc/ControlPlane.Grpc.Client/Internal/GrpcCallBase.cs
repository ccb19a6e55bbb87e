using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The lifecycle every call shares: deadline, cancellation and finishing exactly once with a status. Whoever
/// finishes first (server status, transport failure, deadline, token, dispose) decides the status; everything
/// after that reports it.
/// </summary>
internal abstract class GrpcCallBase : IDisposable
{
    protected static readonly Status ClientCancelled = new(StatusCode.Cancelled, "Call canceled by the client.");

    private static readonly Status DisposedStatus = new(StatusCode.Cancelled, "gRPC call disposed.");
    private static readonly Status DeadlineStatus = new(StatusCode.DeadlineExceeded, "Deadline Exceeded");
    private static readonly Status ChannelDisposedStatus = new(StatusCode.Cancelled, "The channel was disposed.");

    // Timer accepts due times up to about 49.7 days.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(49);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _userCancellation;
    private Timer? _deadlineTimer;
    private Status? _status;
    private Metadata? _trailers;

    protected GrpcCallBase(GrpcChannel channel, CallOptions options)
    {
        Channel = channel;
        Options = options;
    }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    protected GrpcChannel Channel { get; }

    protected CallOptions Options { get; }

    /// <summary>The <c>grpc-timeout</c> value for the request, when the call has a deadline.</summary>
    protected string? TimeoutHeader { get; private set; }

    /// <summary>
    /// Cancelled when the call finishes abnormally, always after the final status is recorded; every transport
    /// operation of the call observes it.
    /// </summary>
    public CancellationToken CallToken => _cancellation.Token;

    protected bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return _status is not null;
            }
        }
    }

    public Status GetStatus()
    {
        lock (_lock)
        {
            return _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_lock)
        {
            return _trailers ?? throw new InvalidOperationException("Can't get the trailers because the call is not complete.");
        }
    }

    /// <summary>Cancels the call if it is still in flight.</summary>
    public void Dispose() => Cancel(DisposedStatus);

    internal void CancelBecauseChannelDisposed() => Cancel(ChannelDisposedStatus);

    protected void Cancel(Status status) => TryFinish(status, null, abort: true);

    /// <summary>Arms the deadline and the caller's token; false when the call is over before it starts.</summary>
    protected bool Begin()
    {
        if (!Channel.TryTrack(this))
        {
            TryFinish(ChannelDisposedStatus, null, abort: false);
            return false;
        }

        if (Options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = (deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline) - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                TryFinish(DeadlineStatus, null, abort: false);
                return false;
            }

            TimeoutHeader = GrpcTimeout.Format(remaining);
            // A timer of its own rather than CancelAfter on the call's token: the status must be recorded before
            // the token cancels the HTTP request, or the failing request would decide the status first.
            var dueTime = remaining < MaxTimer ? remaining : MaxTimer;
            _deadlineTimer = new Timer(static state => ((GrpcCallBase)state!).Cancel(DeadlineStatus), this, dueTime, Timeout.InfiniteTimeSpan);
        }

        if (Options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = CancelOn(Options.CancellationToken);
        }

        if (IsFinished)
        {
            // Finished while arming (a deadline of a few microseconds, a token cancelled meanwhile): the finish
            // may have missed the timer or the registration, and neither may keep this call alive.
            _deadlineTimer?.Dispose();
            _userCancellation.Unregister();
            return false;
        }

        return true;
    }

    /// <summary>Cancels the call when <paramref name="token"/> (the call's, or one read's or write's) is cancelled.</summary>
    public CancellationTokenRegistration CancelOn(CancellationToken token) => token.CanBeCanceled
        ? token.UnsafeRegister(static state => ((GrpcCallBase)state!).Cancel(ClientCancelled), this)
        : default;

    /// <summary>Completes <see cref="ResponseHeadersAsync"/> with the headers of a gRPC response.</summary>
    protected void SetResponseHeaders(Metadata headers) => _responseHeaders.TrySetResult(headers);

    /// <summary>The exception that reports the call's final status to the application.</summary>
    protected Exception CreateException()
    {
        Status status;
        Metadata trailers;
        lock (_lock)
        {
            status = _status!.Value;
            trailers = _trailers!;
        }

        if (Channel.ThrowOperationCanceledOnCancellation && status.StatusCode is StatusCode.Cancelled or StatusCode.DeadlineExceeded)
        {
            return new OperationCanceledException(status.Detail, status.DebugException, Options.CancellationToken);
        }

        return new RpcException(status, trailers);
    }

    /// <summary>
    /// Records the final status unless one is already recorded. <paramref name="abort"/> cancels whatever is
    /// still in flight (the HTTP request, reads, writes); a call that ended cleanly on the wire needs no abort.
    /// </summary>
    protected bool TryFinish(Status status, Metadata? trailers, bool abort)
    {
        lock (_lock)
        {
            if (_status is not null)
            {
                return false;
            }

            _status = status;
            _trailers = trailers ?? new Metadata();
        }

        // A finished call holds no timer and no registration on the caller's token.
        _deadlineTimer?.Dispose();
        _userCancellation.Unregister();
        Channel.Untrack(this);
        if (abort)
        {
            _cancellation.Cancel();
        }

        if (status.StatusCode == StatusCode.OK)
        {
            _responseHeaders.TrySetResult(new Metadata());
        }
        else if (_responseHeaders.TrySetException(CreateException()))
        {
            // The failure surfaces through the response too; an unread headers task must not raise UnobservedTaskException.
            _ = _responseHeaders.Task.Exception;
        }

        ReleaseTransport();
        return true;
    }

    /// <summary>Releases the HTTP exchange once the call has its status; runs once.</summary>
    protected abstract void ReleaseTransport();
}
