using System.Text.Json;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Triggers;
using ControlPlane.Server.Scheduling.Steps;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>
/// Moves changed runs forward: fail_fast cancels the siblings of a failed matrix expansion, pending steps whose needs
/// have finished become ready, skipped or failed (<see cref="ReadinessPolicy"/>), and a run whose steps have all
/// finished concludes (<see cref="RunConclusion"/>); a cancelling run whose steps have all stopped is cancelled.
/// </summary>
internal sealed class ProgressPhase
{
    private readonly SpecCache _specs;
    private readonly StepCancellation _cancellation;
    private readonly ILogger _logger;

    public ProgressPhase(SpecCache specs, StepCancellation cancellation, ILogger<Scheduler> logger)
    {
        _specs = specs;
        _cancellation = cancellation;
        _logger = logger;
    }

    public async Task RunAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var runId in tick.ChangedRuns.OrderBy(r => r.Value).ToList())
        {
            if (!tick.HasBudget)
            {
                tick.Truncated = true;
                return;
            }

            if (await ProgressAsync(tick, runId, cancellationToken))
            {
                tick.ChangedRuns.Remove(runId);
            }
        }
    }

    /// <returns>False when the run needs another look next tick (a step failed on its condition and fail_fast may apply).</returns>
    private async Task<bool> ProgressAsync(TickContext tick, RunId runId, CancellationToken cancellationToken)
    {
        var unit = tick.Unit;
        var run = await unit.Runs.FindAsync(runId, cancellationToken);
        if (run is null || run.State is not (RunState.Running or RunState.Cancelling))
        {
            return true;
        }

        var steps = await unit.Steps.ListByRunAsync(runId, cancellationToken);
        if (run.State == RunState.Cancelling)
        {
            if (steps.All(s => StepStateMachine.IsTerminal(s.State)))
            {
                await FinishAsync(tick, run, steps, RunTrigger.CancelComplete, "cancelled", "every step stopped", cancellationToken);
            }

            return true;
        }

        var scheduled = steps.Select(_specs.Scheduled).ToList();
        var siblings = FailFastPolicy.SiblingsToCancel(scheduled);
        foreach (var sibling in siblings)
        {
            var record = steps.First(s => s.Id == sibling.Id);
            tick.Decided(await _cancellation.CancelNowAsync(unit, record, FailFastPolicy.CancelReason(scheduled, sibling), tick.Outbox, cancellationToken));
        }

        if (siblings.Count > 0)
        {
            steps = await unit.Steps.ListByRunAsync(runId, cancellationToken);
            scheduled = [.. steps.Select(_specs.Scheduled)];
        }

        var snapshot = new RunSnapshot(run.Id, run.RunAttempt, RunInputsJson.Deserialize(run.InputsJson), scheduled) { Event = WebhookPayload.ValuesOf(run.EventJson) };
        var decisions = ReadinessPolicy.Decide(snapshot);
        foreach (var decision in decisions)
        {
            var (trigger, state) = decision.Verdict switch
            {
                ReadinessVerdict.Ready => (StepTrigger.DependenciesMet, StepState.Ready),
                ReadinessVerdict.Skip => (StepTrigger.Skip, StepState.Skipped),
                _ => (StepTrigger.Fail, StepState.Failed),
            };
            await unit.Steps.TransitionAsync(decision.StepId, trigger, StepState.Pending, new StepTransitionDetails { Outcome = decision.Reason }, cancellationToken);
            var index = scheduled.FindIndex(s => s.Id == decision.StepId);
            scheduled[index] = scheduled[index] with { State = state };
            tick.Decided();
        }

        if (RunConclusion.Decide(scheduled) is { } verdict)
        {
            await FinishAsync(tick, run, steps, verdict.Succeeded ? RunTrigger.Succeed : RunTrigger.Fail, verdict.Succeeded ? "succeeded" : "failed", verdict.Reason, cancellationToken);
        }

        return decisions.All(d => d.Verdict != ReadinessVerdict.Fail);
    }

    private async Task FinishAsync(TickContext tick, RunRecord run, IReadOnlyList<StepRecord> steps, RunTrigger trigger, string state, string reason, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason });
        await tick.Unit.Runs.TransitionAsync(run.Id, trigger, run.State, data, cancellationToken);
        tick.Decided();
        tick.FinishedSteps.AddRange(steps.Select(s => s.Id));
        SchedulerLog.RunFinished(_logger, run.Id.Value, state, reason);
    }
}
