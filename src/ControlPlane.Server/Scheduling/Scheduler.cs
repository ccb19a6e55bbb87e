using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Phases;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// One scheduling decision round ("tick") over the store. <see cref="DispatchLoop"/> runs ticks one after another,
/// so decisions are made single-threaded; tests call <see cref="RunOnceAsync"/> directly after moving a manual clock.
/// </summary>
/// <remarks>
/// <para>A tick reads the store and decides in one write transaction, in this order: expired offers and leases, and
/// runners that stopped heartbeating; run and step timeouts; retries that are due; progress of changed runs (fail_fast,
/// readiness, conclusion); admission of queued runs (a run that just finished frees its concurrency slot), progress of
/// the runs just started; placement of ready steps on runners. Each phase sees what the previous ones wrote, so a step
/// made ready can be offered in the same tick.</para>
/// <para><b>Durable before acted on.</b> The whole tick commits at once (one fsync for all its decisions). Offers
/// and cancels for runners are collected while deciding and sent only after the commit; if the process dies before
/// that, the store already says what was offered and the leases take it from there. If the tick fails, nothing of
/// it was written and nothing was sent.</para>
/// </remarks>
public sealed class Scheduler
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly SchedulerSignal _signal;
    private readonly RunnerRegistry _registry;
    private readonly SpecCache _specs;
    private readonly SchedulerFaults _faults;
    private readonly SchedulerOptions _options;
    private readonly LeasePhase _leases;
    private readonly TimeoutPhase _timeouts;
    private readonly AdmissionPhase _admission;
    private readonly ProgressPhase _progress;
    private readonly DispatchPhase _dispatch;
    private readonly WakeupPlanner _wakeups;

    internal Scheduler(
        IStore store,
        TimeProvider time,
        SchedulerSignal signal,
        RunnerRegistry registry,
        SpecCache specs,
        SchedulerFaults faults,
        IOptions<SchedulerOptions> options,
        (LeasePhase Leases, TimeoutPhase Timeouts, AdmissionPhase Admission, ProgressPhase Progress, DispatchPhase Dispatch, WakeupPlanner Wakeups) phases)
    {
        _store = store;
        _time = time;
        _signal = signal;
        _registry = registry;
        _specs = specs;
        _faults = faults;
        _options = options.Value;
        (_leases, _timeouts, _admission, _progress, _dispatch, _wakeups) = phases;
    }

    /// <summary>Makes one round of decisions, commits them, then sends the resulting commands to runners.</summary>
    /// <exception cref="StoreException">The store failed; nothing of the tick was written or sent.</exception>
    internal async Task<TickResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var changed = _signal.TakeChangedRuns();
        TickContext tick;
        DateTimeOffset? nextDue;
        try
        {
            await using var unit = await _store.BeginAsync(cancellationToken);
            tick = new TickContext(unit, _time.GetUtcNow(), _options.MaxDecisionsPerTick, changed);
            await _leases.RunAsync(tick, cancellationToken);
            await _timeouts.RunAsync(tick, cancellationToken);
            await RetryPhase.RunAsync(tick, cancellationToken);
            await _progress.RunAsync(tick, cancellationToken);
            await _admission.RunAsync(tick, cancellationToken);
            await _progress.RunAsync(tick, cancellationToken);
            await _dispatch.RunAsync(tick, cancellationToken);
            nextDue = await _wakeups.NextDueAsync(tick, cancellationToken);
            await _faults.AtAsync(SchedulerFaultPoint.BeforeCommit);
            await unit.CommitAsync(cancellationToken);
        }
        catch
        {
            // Nothing was written: the runs still need their look, and the reasons noted in memory were not stored.
            _signal.RunsChanged(changed);
            _admission.ForgetWrittenReasons();
            throw;
        }

        _specs.Forget(tick.FinishedSteps);
        if (tick.ChangedRuns.Count > 0)
        {
            _signal.RunsChanged(tick.ChangedRuns);
        }

        await _faults.AtAsync(SchedulerFaultPoint.AfterCommitBeforeSend);
        tick.Outbox.Deliver(_registry);
        return new TickResult(tick.Decisions, nextDue, tick.Truncated || tick.ChangedRuns.Count > 0);
    }
}
