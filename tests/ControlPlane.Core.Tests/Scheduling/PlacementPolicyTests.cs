using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Tests.Scheduling;

public class PlacementPolicyTests
{
    private static readonly WorkflowId Busy = new(1);
    private static readonly WorkflowId Quiet = new(2);
    private static readonly Dictionary<MatrixGroupKey, int> NoneActive = [];

    private static PlacementCandidate Step(long id, WorkflowId? workflow = null, int priority = 0, string[]? labels = null, MatrixGroupKey? group = null, int? maxParallel = null) =>
        new(new StepId(id), new RunId(workflow?.Value ?? 1), workflow ?? Busy, priority, labels ?? [], group, maxParallel);

    private static RunnerAvailability Runner(long id, int free, string[]? labels = null, bool draining = false) =>
        new(new RunnerId(id), labels ?? ["linux"], free, draining);

    private static long[] Placed(PlacementPlan plan) => [.. plan.Placements.Select(p => p.StepId.Value)];

    [Fact]
    public void A_step_goes_only_to_a_runner_with_all_its_labels_and_a_free_slot()
    {
        var plan = PlacementPolicy.Place(
            [Step(1, labels: ["linux", "GPU"])],
            [Runner(10, free: 5, ["linux"]), Runner(11, free: 0, ["linux", "gpu"]), Runner(12, free: 1, ["gpu", "linux"])],
            NoneActive,
            lastServed: null);

        Assert.Equal(new StepPlacement(new StepId(1), new RunnerId(12)), Assert.Single(plan.Placements));
    }

    [Fact]
    public void A_draining_runner_is_offered_nothing()
    {
        var plan = PlacementPolicy.Place([Step(1)], [Runner(10, free: 3, draining: true)], NoneActive, null);

        Assert.Empty(plan.Placements);
        Assert.Equal("1 matching runner, all draining", plan.PendingReasons[new StepId(1)]);
    }

    [Fact]
    public void Pending_reasons_say_what_is_missing()
    {
        var plan = PlacementPolicy.Place(
            [Step(1, labels: ["gpu"]), Step(2, labels: ["linux"]), Step(3)],
            [Runner(10, free: 0), Runner(11, free: 0)],
            NoneActive,
            null);

        Assert.Equal("no connected runner has labels [gpu]", plan.PendingReasons[new StepId(1)]);
        Assert.Equal("2 matching runners, all slots busy", plan.PendingReasons[new StepId(2)]);
        Assert.Equal("no connected runner", PlacementPolicy.Place([Step(3)], [], NoneActive, null).PendingReasons[new StepId(3)]);
    }

    [Fact]
    public void A_step_that_cannot_be_placed_does_not_block_the_steps_behind_it()
    {
        var plan = PlacementPolicy.Place([Step(1, labels: ["gpu"]), Step(2)], [Runner(10, free: 1)], NoneActive, null);

        Assert.Equal([2L], Placed(plan));
        Assert.True(plan.PendingReasons.ContainsKey(new StepId(1)));
    }

    [Fact]
    public void Higher_priority_goes_first_and_each_priority_is_first_come_first_served()
    {
        var plan = PlacementPolicy.Place([Step(5, priority: 10), Step(1), Step(2), Step(6, priority: 10)], [Runner(10, free: 3)], NoneActive, null);

        Assert.Equal([5L, 6L, 1L], Placed(plan));
    }

    [Fact]
    public void Workflows_take_turns_so_a_busy_one_cannot_starve_a_quiet_one()
    {
        var busy = Enumerable.Range(1, 100).Select(i => Step(i, Busy));

        var plan = PlacementPolicy.Place([.. busy, Step(1000, Quiet)], [Runner(10, free: 2)], NoneActive, null);

        Assert.Equal([1L, 1000L], Placed(plan));
        Assert.Equal(Quiet, plan.LastServed);
    }

    [Fact]
    public void The_turn_order_continues_after_the_workflow_served_last()
    {
        var plan = PlacementPolicy.Place([Step(1, Busy), Step(2, Busy), Step(3, Quiet)], [Runner(10, free: 1)], NoneActive, lastServed: Busy);

        Assert.Equal([3L], Placed(plan));
    }

    [Fact]
    public void Work_spreads_to_the_runner_with_the_most_free_slots()
    {
        var plan = PlacementPolicy.Place([Step(1), Step(2), Step(3)], [Runner(10, free: 1), Runner(11, free: 2)], NoneActive, null);

        Assert.Equal([11L, 10L, 11L], plan.Placements.Select(p => p.RunnerId.Value));
    }

    [Fact]
    public void Max_parallel_holds_back_expansions_beyond_the_limit_in_plan_order()
    {
        var group = new MatrixGroupKey(new RunId(1), "test");
        var plan = PlacementPolicy.Place(
            [Step(1, group: group, maxParallel: 2), Step(2, group: group, maxParallel: 2), Step(3, group: group, maxParallel: 2)],
            [Runner(10, free: 10)],
            new Dictionary<MatrixGroupKey, int> { [group] = 1 },
            null);

        Assert.Equal([1L], Placed(plan));
        Assert.Equal("max_parallel 2 reached for test", plan.PendingReasons[new StepId(2)]);
        Assert.Equal("max_parallel 2 reached for test", plan.PendingReasons[new StepId(3)]);
    }

    [Fact]
    public void A_runner_that_let_the_step_go_is_used_only_when_no_other_fits()
    {
        var avoided = Step(1) with { Avoid = new RunnerId(10) };

        Assert.Equal(11, PlacementPolicy.Place([avoided], [Runner(10, free: 5), Runner(11, free: 1)], NoneActive, null).Placements[0].RunnerId.Value);
        Assert.Equal(10, PlacementPolicy.Place([avoided], [Runner(10, free: 5), Runner(11, free: 0)], NoneActive, null).Placements[0].RunnerId.Value);
    }
}
