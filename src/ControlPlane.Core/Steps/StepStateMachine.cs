using ControlPlane.Core.StateMachines;
using static ControlPlane.Core.Steps.StepState;
using static ControlPlane.Core.Steps.StepTrigger;

namespace ControlPlane.Core.Steps;

/// <summary>
/// The step lifecycle. Terminal: succeeded, failed, skipped, cancelled; only Reset (RetryRun) reopens one.
/// A lost lease is two triggers because the retry policy, not the table, decides between retrying and failing.
/// </summary>
public static class StepStateMachine
{
    public static TransitionTable<StepState, StepTrigger> Table { get; } = new(
        entity: "step",
        terminal: [Succeeded, Failed, Skipped, Cancelled],
        transitions:
        [
            // Every needed step succeeded (or none are needed): the step may be offered to a runner.
            (Pending, DependenciesMet, Ready),
            // Its `if` is false or a needed step failed: it will never run.
            (Pending, Skip, Skipped),
            // Its `if` cannot be evaluated (e.g. comparing an object): it fails without running, as in GitHub Actions.
            (Pending, Fail, Failed),
            // Offered to a runner under a lease (a new attempt).
            (Ready, Offer, Offered),
            // The runner accepted the offer and started the attempt.
            (Offered, Start, Running),
            // The runner declined (busy, labels changed): back in the queue, no retry consumed.
            (Offered, Reject, Ready),
            // The runner never answered the offer in time: back in the queue, no retry consumed.
            (Offered, OfferExpired, Ready),
            // The attempt finished successfully.
            (Running, Succeed, Succeeded),
            // The attempt failed and the retry policy is exhausted (or never retries this failure).
            (Running, Fail, Failed),
            // Setting up the attempt failed (e.g. image pull) and the policy does not retry it.
            (Offered, Fail, Failed),
            // The attempt failed and the policy grants another after a backoff (not_before).
            (Running, ScheduleRetry, WaitingForRetry),
            (Offered, ScheduleRetry, WaitingForRetry),
            // The backoff elapsed: queue the next attempt.
            (WaitingForRetry, RetryDue, Ready),
            // The runner stopped heartbeating; the policy grants another attempt.
            (Offered, LeaseLostRetry, WaitingForRetry),
            (Running, LeaseLostRetry, WaitingForRetry),
            // The runner stopped heartbeating; the policy is exhausted.
            (Offered, LeaseLostFail, Failed),
            (Running, LeaseLostFail, Failed),
            // The run is being cancelled (or timed out): the step will not finish.
            (Pending, Cancel, Cancelled),
            (Ready, Cancel, Cancelled),
            (Offered, Cancel, Cancelled),
            (Running, Cancel, Cancelled),
            (WaitingForRetry, Cancel, Cancelled),
            // RetryRun: an unfinished-successfully step goes back to waiting for its needs.
            (Failed, Reset, Pending),
            (Cancelled, Reset, Pending),
            (Skipped, Reset, Pending),
            // RetryRun with all_steps, or a succeeded step downstream of one that runs again.
            (Succeeded, Reset, Pending),
        ]);

    public static bool IsTerminal(StepState state) => Table.IsTerminal(state);

    /// <summary>Offered or running: the step holds a runner slot under a lease.</summary>
    public static bool IsActive(StepState state) => state is Offered or Running;

    /// <inheritdoc cref="TransitionTable{TState, TTrigger}.Next"/>
    public static StepState Next(StepState from, StepTrigger trigger) => Table.Next(from, trigger);
}
