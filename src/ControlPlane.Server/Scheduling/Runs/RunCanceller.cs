using System.Text.Json;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Steps;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>
/// Cancels runs. A queued run is cancelled at once. A running run becomes cancelling: its pending, ready and waiting
/// steps and its offered attempts are cancelled at once, its running attempts are sent a cancel, and the run is
/// cancelled when the last of them has stopped (reported by its runner, or its lease lapsed).
/// </summary>
public sealed class RunCanceller
{
    private readonly IStore _store;
    private readonly RunnerRegistry _registry;
    private readonly SchedulerSignal _signal;
    private readonly ILogger<RunCanceller> _logger;
    private readonly StepCancellation _steps;

    internal RunCanceller(IStore store, RunnerRegistry registry, SchedulerSignal signal, StepCancellation steps, ILogger<RunCanceller> logger)
    {
        _store = store;
        _registry = registry;
        _signal = signal;
        _steps = steps;
        _logger = logger;
    }

    /// <summary>Requests cancellation; idempotent (a cancelling or finished run is returned as it is).</summary>
    /// <exception cref="EntityNotFoundException">No such run.</exception>
    public async Task<RunRecord> RequestCancelAsync(RunId runId, CancellationToken cancellationToken)
    {
        var outbox = new CommandOutbox();
        await using var unit = await _store.BeginAsync(cancellationToken);
        var run = await unit.Runs.GetAsync(runId, cancellationToken);
        var (cancelled, _) = await CancelAsync(unit, run, "cancel requested", outbox, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        outbox.Deliver(_registry);
        _signal.RunChanged(runId);
        return cancelled;
    }

    /// <summary>Cancels within the caller's unit of work (the scheduler's tick, for cancel_older).</summary>
    /// <returns>The run and the number of transitions made.</returns>
    internal async Task<(RunRecord Run, int Decisions)> CancelAsync(IUnitOfWork unit, RunRecord run, string reason, CommandOutbox outbox, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason });
        var outcome = $"cancelled: {reason}";
        if (run.State == RunState.Queued)
        {
            var steps = await unit.Steps.ListByRunAsync(run.Id, cancellationToken);
            var decisions = 1;
            foreach (var step in steps)
            {
                decisions += await _steps.CancelNowAsync(unit, step, outcome, outbox, cancellationToken);
            }

            SchedulerLog.RunFinished(_logger, run.Id.Value, "cancelled", reason);
            return (await unit.Runs.TransitionAsync(run.Id, RunTrigger.RequestCancel, RunState.Queued, data, cancellationToken), decisions);
        }

        if (run.State != RunState.Running)
        {
            return (run, 0);
        }

        var cancelling = await unit.Runs.TransitionAsync(run.Id, RunTrigger.RequestCancel, RunState.Running, data, cancellationToken);
        var made = 1;
        foreach (var step in await unit.Steps.ListByRunAsync(run.Id, cancellationToken))
        {
            made += await _steps.RequestCancelAsync(unit, step, outcome, outbox, cancellationToken);
        }

        SchedulerLog.RunCancelling(_logger, run.Id.Value, reason);
        var remaining = await unit.Steps.ListByRunAsync(run.Id, cancellationToken);
        if (remaining.All(s => StepStateMachine.IsTerminal(s.State)))
        {
            SchedulerLog.RunFinished(_logger, run.Id.Value, "cancelled", reason);
            return (await unit.Runs.TransitionAsync(run.Id, RunTrigger.CancelComplete, RunState.Cancelling, data, cancellationToken), made + 1);
        }

        return (cancelling, made);
    }
}
