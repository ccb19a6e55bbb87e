using ControlPlane.Core.Steps;
using ControlPlane.Core.Tests.StateMachines;
using static ControlPlane.Core.Steps.StepState;
using static ControlPlane.Core.Steps.StepTrigger;

namespace ControlPlane.Core.Tests.Steps;

public class StepStateMachineTests
{
    private static readonly (StepState, StepTrigger, StepState)[] Spec =
    [
        (Pending, DependenciesMet, Ready),
        (Pending, Skip, Skipped),
        (Pending, Fail, Failed),
        (Ready, Offer, Offered),
        (Offered, Start, Running),
        (Offered, Reject, Ready),
        (Offered, OfferExpired, Ready),
        (Running, Succeed, Succeeded),
        (Running, Fail, Failed),
        (Offered, Fail, Failed),
        (Running, ScheduleRetry, WaitingForRetry),
        (Offered, ScheduleRetry, WaitingForRetry),
        (WaitingForRetry, RetryDue, Ready),
        (Offered, LeaseLostRetry, WaitingForRetry),
        (Running, LeaseLostRetry, WaitingForRetry),
        (Offered, LeaseLostFail, Failed),
        (Running, LeaseLostFail, Failed),
        (Pending, Cancel, Cancelled),
        (Ready, Cancel, Cancelled),
        (Offered, Cancel, Cancelled),
        (Running, Cancel, Cancelled),
        (WaitingForRetry, Cancel, Cancelled),
        (Failed, Reset, Pending),
        (Cancelled, Reset, Pending),
        (Skipped, Reset, Pending),
        (Succeeded, Reset, Pending),
    ];

    public static TheoryData<StepState, StepTrigger, StepState> LegalTransitions => TransitionSpec.Legal(Spec);

    public static TheoryData<StepState, StepTrigger> IllegalTransitions => TransitionSpec.Illegal(Spec);

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void A_legal_trigger_moves_the_step_to_its_next_state(StepState from, StepTrigger trigger, StepState to) =>
        Assert.Equal(to, StepStateMachine.Next(from, trigger));

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Every_other_trigger_throws(StepState from, StepTrigger trigger) =>
        TransitionSpec.AssertIllegal(StepStateMachine.Table, from, trigger);

    [Fact]
    public void The_table_holds_exactly_the_specified_transitions() =>
        TransitionSpec.AssertTableIsExactly(StepStateMachine.Table, Spec);

    [Fact]
    public void Succeeded_failed_skipped_and_cancelled_are_terminal() =>
        Assert.Equal([Succeeded, Failed, Skipped, Cancelled], Enum.GetValues<StepState>().Where(StepStateMachine.IsTerminal));

    [Fact]
    public void Only_reset_leaves_a_terminal_state() =>
        Assert.All(StepStateMachine.Table.Transitions.Where(t => StepStateMachine.IsTerminal(t.From)), t => Assert.Equal(Reset, t.Trigger));

    [Fact]
    public void Reset_sends_every_terminal_state_back_to_pending() =>
        Assert.All(StepStateMachine.Table.TerminalStates, state => Assert.Equal(Pending, StepStateMachine.Next(state, Reset)));

    [Fact]
    public void A_lost_lease_retries_or_fails_by_policy_from_offered_and_running()
    {
        foreach (var from in new[] { Offered, Running })
        {
            Assert.Equal(WaitingForRetry, StepStateMachine.Next(from, LeaseLostRetry));
            Assert.Equal(Failed, StepStateMachine.Next(from, LeaseLostFail));
        }
    }

    [Fact]
    public void Every_non_terminal_state_can_be_cancelled() =>
        Assert.All(Enum.GetValues<StepState>().Where(s => !StepStateMachine.IsTerminal(s)), s => Assert.Equal(Cancelled, StepStateMachine.Next(s, Cancel)));

    [Fact]
    public void Only_offered_and_running_steps_hold_a_runner_slot() =>
        Assert.Equal([Offered, Running], Enum.GetValues<StepState>().Where(StepStateMachine.IsActive));
}
