using System.Collections.Concurrent;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Scheduling.Runs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>
/// Queued runs start (queued → running) as their workflow's concurrency allows (see <see cref="ConcurrencyAdmission"/>).
/// A run kept waiting has the reason written on its pending steps; a run superseded under cancel_older is cancelled.
/// </summary>
internal sealed class AdmissionPhase
{
    private readonly SpecCache _specs;
    private readonly RunCanceller _canceller;
    private readonly ILogger _logger;

    // The waiting reason last written per run, so an unchanged reason is not rewritten every tick. Lost on restart,
    // which only costs one rewrite.
    private readonly ConcurrentDictionary<RunId, string> _waitingReasons = new();

    public AdmissionPhase(SpecCache specs, RunCanceller canceller, ILogger<Scheduler> logger)
    {
        _specs = specs;
        _canceller = canceller;
        _logger = logger;
    }

    /// <summary>Forgets which reasons were written, after a tick whose writes were rolled back.</summary>
    public void ForgetWrittenReasons() => _waitingReasons.Clear();

    public async Task RunAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var unit = tick.Unit;
        var queued = await unit.Runs.ListQueuedAsync(Math.Max(1, tick.RemainingBudget), cancellationToken);
        if (queued.Count == 0 || !tick.HasBudget)
        {
            return;
        }

        var candidates = new List<QueuedRun>(queued.Count);
        foreach (var run in queued)
        {
            var policy = run.ConcurrencyKey is null ? null : (await _specs.DefinitionAsync(unit, run.RevisionId, cancellationToken)).Concurrency;
            candidates.Add(new QueuedRun(run.Id, run.ConcurrencyKey, policy, run.CreatedAt));
        }

        var active = (await unit.Runs.ListActiveAsync(cancellationToken))
            .Where(r => r.ConcurrencyKey is not null && r.State is RunState.Running or RunState.Cancelling)
            .Select(r => new ActiveRun(r.Id, r.ConcurrencyKey!, r.State == RunState.Cancelling, r.CreatedAt))
            .ToList();
        var plan = ConcurrencyAdmission.Decide(candidates, active);

        foreach (var runId in plan.CancelQueued.Concat(plan.CancelActive))
        {
            var run = await unit.Runs.GetAsync(runId, cancellationToken);
            var (_, decisions) = await _canceller.CancelAsync(unit, run, "superseded by a newer run (concurrency cancel_older)", tick.Outbox, cancellationToken);
            tick.Decided(decisions);
            tick.MarkChanged(runId);
            _waitingReasons.TryRemove(runId, out _);
        }

        foreach (var runId in plan.Start)
        {
            await StartAsync(tick, runId, cancellationToken);
        }

        foreach (var (runId, reason) in plan.Waiting)
        {
            await NoteWaitingAsync(tick, runId, reason, cancellationToken);
        }
    }

    private async Task StartAsync(TickContext tick, RunId runId, CancellationToken cancellationToken)
    {
        await tick.Unit.Runs.TransitionAsync(runId, RunTrigger.Start, RunState.Queued, null, cancellationToken);
        tick.Decided();
        tick.MarkChanged(runId);
        _waitingReasons.TryRemove(runId, out _);
        foreach (var step in await tick.Unit.Steps.ListByRunAsync(runId, cancellationToken))
        {
            if (step.PendingReason is not null && step.State == StepState.Pending)
            {
                await tick.Unit.Steps.SetPendingReasonAsync(step.Id, null, cancellationToken);
            }
        }

        SchedulerLog.RunStarted(_logger, runId.Value);
    }

    private async Task NoteWaitingAsync(TickContext tick, RunId runId, string reason, CancellationToken cancellationToken)
    {
        if (_waitingReasons.TryGetValue(runId, out var written) && written == reason)
        {
            return;
        }

        foreach (var step in await tick.Unit.Steps.ListByRunAsync(runId, cancellationToken))
        {
            if (step.State == StepState.Pending && step.PendingReason != reason)
            {
                await tick.Unit.Steps.SetPendingReasonAsync(step.Id, reason, cancellationToken);
            }
        }

        _waitingReasons[runId] = reason;
    }
}
