using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;

namespace ControlPlane.Store.Steps;

/// <summary>What a step row looks like after a transition, besides its state: the columns each target state implies.</summary>
internal static class StepTransitionRules
{
    /// <exception cref="ArgumentException">A transition into waiting_for_retry without a not_before time.</exception>
    public static void Validate(StepState to, StepTransitionDetails details)
    {
        if (to == StepState.WaitingForRetry && details.NotBefore is null)
        {
            throw new ArgumentException($"A step entering {EnumText.ToText(to)} needs {nameof(StepTransitionDetails.NotBefore)}.", nameof(details));
        }
    }

    public static StepRow Apply(StepRow current, StepTrigger trigger, StepState to, StepTransitionDetails details, long now)
    {
        var next = current.Copy();
        next.State = EnumText.ToText(to);
        next.PendingReason = details.PendingReason;
        next.NotBefore = to == StepState.WaitingForRetry ? Sqlite.UnixMs.From(details.NotBefore) : null;

        if (trigger == StepTrigger.Reset)
        {
            // RetryRun starts the step over: nothing of the previous run attempt's result remains.
            next.Outcome = null;
            next.ExitCode = null;
            next.OutputsJson = null;
            next.ReadyAt = null;
            next.StartedAt = null;
            next.FinishedAt = null;
        }

        next.Outcome = details.Outcome ?? next.Outcome;
        next.ExitCode = details.ExitCode ?? next.ExitCode;
        next.OutputsJson = details.OutputsJson ?? next.OutputsJson;

        if (to == StepState.Ready)
        {
            // Re-queued steps (rejected, expired, retried) go to the back of their priority's queue.
            next.ReadyAt = now;
        }

        if (to == StepState.Running)
        {
            next.StartedAt ??= now;
        }

        if (StepStateMachine.IsTerminal(to))
        {
            next.FinishedAt = now;
        }

        return next;
    }
}
