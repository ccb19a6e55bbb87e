using ControlPlane.Core.Runs;
using ControlPlane.Core.Tests.StateMachines;
using static ControlPlane.Core.Runs.RunState;
using static ControlPlane.Core.Runs.RunTrigger;

namespace ControlPlane.Core.Tests.Runs;

public class RunStateMachineTests
{
    private static readonly (RunState, RunTrigger, RunState)[] Spec =
    [
        (Queued, Start, Running),
        (Queued, Fail, Failed),
        (Queued, RequestCancel, Cancelled),
        (Running, Succeed, Succeeded),
        (Running, Fail, Failed),
        (Running, RequestCancel, Cancelling),
        (Cancelling, CancelComplete, Cancelled),
        (Failed, Retry, Queued),
        (Cancelled, Retry, Queued),
        (Succeeded, Retry, Queued),
    ];

    public static TheoryData<RunState, RunTrigger, RunState> LegalTransitions => TransitionSpec.Legal(Spec);

    public static TheoryData<RunState, RunTrigger> IllegalTransitions => TransitionSpec.Illegal(Spec);

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void A_legal_trigger_moves_the_run_to_its_next_state(RunState from, RunTrigger trigger, RunState to) =>
        Assert.Equal(to, RunStateMachine.Next(from, trigger));

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Every_other_trigger_throws(RunState from, RunTrigger trigger) =>
        TransitionSpec.AssertIllegal(RunStateMachine.Table, from, trigger);

    [Fact]
    public void The_table_holds_exactly_the_specified_transitions() =>
        TransitionSpec.AssertTableIsExactly(RunStateMachine.Table, Spec);

    [Fact]
    public void Succeeded_failed_and_cancelled_are_terminal() =>
        Assert.Equal([Succeeded, Failed, Cancelled], Enum.GetValues<RunState>().Where(RunStateMachine.IsTerminal));

    [Fact]
    public void Only_retry_leaves_a_terminal_state() =>
        Assert.All(RunStateMachine.Table.Transitions.Where(t => RunStateMachine.IsTerminal(t.From)), t => Assert.Equal(Retry, t.Trigger));

    [Fact]
    public void Retry_queues_every_finished_run_again_so_admission_applies_its_concurrency_limit() =>
        Assert.All(RunStateMachine.Table.TerminalStates, state => Assert.Equal(Queued, RunStateMachine.Next(state, Retry)));

    [Fact]
    public void A_queued_run_is_cancelled_at_once_but_a_running_one_goes_through_cancelling()
    {
        Assert.Equal(Cancelled, RunStateMachine.Next(Queued, RequestCancel));
        Assert.Equal(Cancelling, RunStateMachine.Next(Running, RequestCancel));
    }
}
