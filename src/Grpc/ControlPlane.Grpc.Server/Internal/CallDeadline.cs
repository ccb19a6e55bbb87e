namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// The deadline of one call: a timer that fires at the deadline, and the call's token, cancelled at the deadline
/// or when the client goes away. <see cref="Reached"/> completes at the deadline only, so the server can race the
/// handler against it and answer DEADLINE_EXCEEDED even if the handler never looks at its token.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    // The longest delay a timer accepts (about 49 days); a longer deadline simply never fires.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _call;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public CallDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken requestAborted)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Deadline = timeout < DateTime.MaxValue - now ? now + timeout : DateTime.MaxValue;
        _timer = timeout <= MaxTimerDelay ? new CancellationTokenSource(timeout, timeProvider) : new CancellationTokenSource();
        _registration = _timer.Token.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), _reached);
        _call = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, requestAborted);
    }

    public DateTime Deadline { get; }

    public CancellationToken Token => _call.Token;

    public bool IsExpired => _timer.IsCancellationRequested;

    public Task Reached => _reached.Task;

    public void Dispose()
    {
        _registration.Dispose();
        _call.Dispose();
        _timer.Dispose();
    }
}
