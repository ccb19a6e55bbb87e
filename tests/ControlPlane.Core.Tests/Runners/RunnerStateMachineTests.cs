using ControlPlane.Core.Runners;
using ControlPlane.Core.Tests.StateMachines;
using static ControlPlane.Core.Runners.RunnerState;
using static ControlPlane.Core.Runners.RunnerTrigger;

namespace ControlPlane.Core.Tests.Runners;

public class RunnerStateMachineTests
{
    private static readonly (RunnerState, RunnerTrigger, RunnerState)[] Spec =
    [
        (Offline, Connect, Online),
        (Lost, Connect, Online),
        (Online, Disconnect, Offline),
        (Online, HeartbeatsMissed, Lost),
    ];

    public static TheoryData<RunnerState, RunnerTrigger, RunnerState> LegalTransitions => TransitionSpec.Legal(Spec);

    public static TheoryData<RunnerState, RunnerTrigger> IllegalTransitions => TransitionSpec.Illegal(Spec);

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void A_legal_trigger_moves_the_runner_to_its_next_state(RunnerState from, RunnerTrigger trigger, RunnerState to) =>
        Assert.Equal(to, RunnerStateMachine.Next(from, trigger));

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Every_other_trigger_throws(RunnerState from, RunnerTrigger trigger) =>
        TransitionSpec.AssertIllegal(RunnerStateMachine.Table, from, trigger);

    [Fact]
    public void The_table_holds_exactly_the_specified_transitions() =>
        TransitionSpec.AssertTableIsExactly(RunnerStateMachine.Table, Spec);

    [Fact]
    public void No_runner_state_is_terminal() =>
        Assert.Empty(RunnerStateMachine.Table.TerminalStates);
}
