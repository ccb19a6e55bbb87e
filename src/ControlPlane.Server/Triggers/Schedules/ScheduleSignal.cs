using System.Threading.Channels;

namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>
/// Wakes the schedule loop when the schedules change (a workflow was applied), so it recomputes its next wake-up
/// instead of polling. Signals coalesce; one sent while the loop works is kept for its next wait. Thread-safe.
/// </summary>
public sealed class ScheduleSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TimeProvider _time;

    public ScheduleSignal(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The longest single sleep: a far-away fire time is re-checked at least this often, so a wall-clock
    /// change (or a delay past what a timer can hold) never leaves a schedule sleeping through its time.</summary>
    public static TimeSpan MaxSleep { get; } = TimeSpan.FromHours(1);

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when woken (at once if a wake-up is pending) or at <paramref name="until"/> by the injected clock.</summary>
    public async Task WaitAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        if (_wake.Reader.TryRead(out _))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.Reader.WaitToReadAsync(stop.Token).AsTask();
        var due = Task.Delay(DelayUntil(until), _time, stop.Token);
        await Task.WhenAny(woken, due);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    private TimeSpan DelayUntil(DateTimeOffset? until)
    {
        var delay = until is { } time ? time - _time.GetUtcNow() : MaxSleep;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxSleep ? MaxSleep : delay;
    }
}
