using ControlPlane.Core.Steps;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>Steps waiting for retry whose <c>not_before</c> (kept in the store) has come go back to the ready queue.</summary>
internal static class RetryPhase
{
    public static async Task RunAsync(TickContext tick, CancellationToken cancellationToken)
    {
        if (!tick.HasBudget)
        {
            return;
        }

        var due = await tick.Unit.Steps.ListRetryDueAsync(tick.Now, tick.RemainingBudget + 1, cancellationToken);
        foreach (var step in due)
        {
            if (!tick.HasBudget)
            {
                tick.Truncated = true;
                return;
            }

            await tick.Unit.Steps.TransitionAsync(step.Id, StepTrigger.RetryDue, StepState.WaitingForRetry, null, cancellationToken);
            tick.Decided();
        }
    }
}
