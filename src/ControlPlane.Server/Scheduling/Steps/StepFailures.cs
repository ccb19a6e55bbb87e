using System.Text.Json;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Retries;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runs;

namespace ControlPlane.Server.Scheduling.Steps;

/// <summary>
/// Moves a step on after one of its attempts failed (exit code, error, timeout, lost runner): another attempt after a
/// backoff when its retry policy grants one, else failed. In a run that is no longer running the step is cancelled
/// instead: a cancelled or timed-out run retries nothing.
/// </summary>
internal sealed class StepFailures
{
    private readonly RetryPlanner _planner;
    private readonly SpecCache _specs;

    public StepFailures(RetryPlanner planner, SpecCache specs)
    {
        _planner = planner;
        _specs = specs;
    }

    /// <param name="failed">The attempt, already recorded as failed, lost or cancelled in this unit of work.</param>
    /// <param name="outcome">The step's outcome text if this ends it, e.g. "exited with code 2".</param>
    public async Task<StepRecord> HandleAsync(IUnitOfWork unit, AttemptRecord failed, FailureClass failureClass, int? exitCode, string outcome, CancellationToken cancellationToken)
    {
        var step = await unit.Steps.GetAsync(failed.StepId, cancellationToken);
        var run = await unit.Runs.GetAsync(failed.RunId, cancellationToken);
        if (run.State != RunState.Running)
        {
            var details = new StepTransitionDetails { Attempt = failed.Id, Outcome = $"cancelled: the run is {Core.StateMachines.EnumText.ToText(run.State)}", ExitCode = exitCode };
            return await unit.Steps.TransitionAsync(step.Id, StepTrigger.Cancel, step.State, details, cancellationToken);
        }

        var attempts = await unit.Attempts.ListByStepAsync(step.Id, cancellationToken);
        var failure = AttemptHistory.FailureOf(attempts, failed, failureClass, exitCode, await ResetMarker.AttemptsBeforeAsync(unit, step, cancellationToken));
        var decision = _planner.Decide(_specs.Step(step).Retry, failure);
        var lost = failureClass == FailureClass.RunnerLost;
        var trigger = decision.ShouldRetry
            ? lost ? StepTrigger.LeaseLostRetry : StepTrigger.ScheduleRetry
            : lost ? StepTrigger.LeaseLostFail : StepTrigger.Fail;
        return await unit.Steps.TransitionAsync(
            step.Id,
            trigger,
            step.State,
            new StepTransitionDetails
            {
                Attempt = failed.Id,
                NotBefore = decision.NotBefore,
                PendingReason = decision is { ShouldRetry: true, NextAttempt: { } next, NotBefore: { } notBefore } ? PendingReasons.Retry(next - 1, notBefore) : null,
                Outcome = outcome,
                ExitCode = exitCode,
                EventDataJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["retry"] = decision.Reason }),
            },
            cancellationToken);
    }
}
