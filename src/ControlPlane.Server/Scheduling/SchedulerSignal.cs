using System.Collections.Concurrent;
using System.Threading.Channels;
using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// Wakes the dispatch loop: a run changed (created, a step finished, cancel requested), capacity changed (a runner
/// connected, freed a slot, drained), or the earliest timer is due. The loop never polls: between ticks it waits here.
/// </summary>
/// <remarks>
/// Signals coalesce: any number of them before the loop waits again make one wake-up, and a signal that arrives while
/// a tick runs is kept, so the next wait returns at once and nothing is missed. Changed runs are collected so the next
/// tick re-evaluates exactly those. Thread-safe: runner sessions signal from any thread.
/// </remarks>
public sealed class SchedulerSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<RunId, byte> _changedRuns = new();
    private readonly TimeProvider _time;

    public SchedulerSignal(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Something about the run changed; the next tick re-evaluates its steps.</summary>
    public void RunChanged(RunId runId)
    {
        _changedRuns[runId] = 0;
        Wake();
    }

    public void RunsChanged(IEnumerable<RunId> runIds)
    {
        foreach (var runId in runIds)
        {
            _changedRuns[runId] = 0;
        }

        Wake();
    }

    /// <summary>Runner capacity changed (connected, freed a slot, drained); the next tick tries to place ready steps.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>The runs changed since the last call.</summary>
    internal IReadOnlyList<RunId> TakeChangedRuns()
    {
        var taken = new List<RunId>();
        foreach (var runId in _changedRuns.Keys)
        {
            if (_changedRuns.TryRemove(runId, out _))
            {
                taken.Add(runId);
            }
        }

        return taken;
    }

    /// <summary>Returns when signalled (at once if a signal is pending) or at <paramref name="until"/> by the injected clock.</summary>
    public async Task WaitAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        if (_wake.Reader.TryRead(out _))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _wake.Reader.WaitToReadAsync(stop.Token).AsTask();
        var due = until is { } time
            ? Task.Delay(Max(time - _time.GetUtcNow(), TimeSpan.Zero), _time, stop.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        await Task.WhenAny(signalled, due);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
