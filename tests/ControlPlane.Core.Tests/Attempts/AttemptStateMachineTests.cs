using ControlPlane.Core.Attempts;
using ControlPlane.Core.Tests.StateMachines;
using static ControlPlane.Core.Attempts.AttemptState;
using static ControlPlane.Core.Attempts.AttemptTrigger;

namespace ControlPlane.Core.Tests.Attempts;

public class AttemptStateMachineTests
{
    private static readonly (AttemptState, AttemptTrigger, AttemptState)[] Spec =
    [
        (Offered, Start, Running),
        (Offered, Reject, Rejected),
        (Offered, OfferExpired, Lost),
        (Offered, Fail, Failed),
        (Offered, LeaseLost, Lost),
        (Offered, Cancel, Cancelled),
        (Running, Succeed, Succeeded),
        (Running, Fail, Failed),
        (Running, LeaseLost, Lost),
        (Running, Cancel, Cancelled),
    ];

    public static TheoryData<AttemptState, AttemptTrigger, AttemptState> LegalTransitions => TransitionSpec.Legal(Spec);

    public static TheoryData<AttemptState, AttemptTrigger> IllegalTransitions => TransitionSpec.Illegal(Spec);

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void A_legal_trigger_moves_the_attempt_to_its_next_state(AttemptState from, AttemptTrigger trigger, AttemptState to) =>
        Assert.Equal(to, AttemptStateMachine.Next(from, trigger));

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Every_other_trigger_throws(AttemptState from, AttemptTrigger trigger) =>
        TransitionSpec.AssertIllegal(AttemptStateMachine.Table, from, trigger);

    [Fact]
    public void The_table_holds_exactly_the_specified_transitions() =>
        TransitionSpec.AssertTableIsExactly(AttemptStateMachine.Table, Spec);

    [Fact]
    public void Every_state_but_offered_and_running_is_terminal_and_final()
    {
        Assert.Equal([Succeeded, Failed, Lost, Cancelled, Rejected], Enum.GetValues<AttemptState>().Where(AttemptStateMachine.IsTerminal));
        Assert.DoesNotContain(AttemptStateMachine.Table.Transitions, t => AttemptStateMachine.IsTerminal(t.From));
    }

    [Fact]
    public void Losing_the_lease_and_an_unanswered_offer_revoke_the_lease() =>
        Assert.Equal([OfferExpired, LeaseLost], Enum.GetValues<AttemptTrigger>().Where(AttemptStateMachine.RevokesLease));
}
