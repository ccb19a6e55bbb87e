using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using static ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Core.Tests.Scheduling;

public class RetryScopeTests
{
    [Fact]
    public void Failed_cancelled_and_skipped_steps_are_reset_and_independent_successes_kept()
    {
        var steps = Steps(("build", Succeeded, []), ("lint", Failed, []), ("docs", Cancelled, []), ("package", Skipped, ["lint"]));

        Assert.Equal(["lint", "docs", "package"], RetryScope.StepsToReset(steps, allSteps: false));
    }

    [Fact]
    public void A_succeeded_step_downstream_of_a_reset_one_is_reset_too_however_far_down()
    {
        var steps = Steps(("notify", Succeeded, ["report"]), ("test", Failed, []), ("report", Succeeded, ["test"]), ("build", Succeeded, []));

        Assert.Equal(["notify", "test", "report"], RetryScope.StepsToReset(steps, allSteps: false));
    }

    [Fact]
    public void All_steps_resets_every_step_in_plan_order()
    {
        var steps = Steps(("build", Succeeded, []), ("test", Succeeded, ["build"]));

        Assert.Equal(["build", "test"], RetryScope.StepsToReset(steps, allSteps: true));
    }

    [Fact]
    public void An_unfinished_step_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RetryScope.StepsToReset(Steps(("build", Running, [])), allSteps: false));

        Assert.StartsWith("Step 'build' is Running, not finished.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunState.Failed, false, true)]
    [InlineData(RunState.Cancelled, false, true)]
    [InlineData(RunState.Succeeded, false, false)]
    [InlineData(RunState.Succeeded, true, true)]
    [InlineData(RunState.Queued, true, false)]
    [InlineData(RunState.Running, true, false)]
    [InlineData(RunState.Cancelling, true, false)]
    public void Only_finished_runs_can_be_retried_and_a_succeeded_one_only_with_all_steps(RunState state, bool allSteps, bool allowed) =>
        Assert.Equal(allowed, RetryScope.CanRetry(state, allSteps));

    private static List<StepRecord> Steps(params (string Key, StepState State, string[] Needs)[] steps) =>
    [
        .. steps.Select((s, i) => new StepRecord(
            new StepId(i + 1), new RunId(1), s.Key, s.State, s.Needs, "{}", null, 0, null, null, null, null, null, DateTimeOffset.UnixEpoch, null, null, null)),
    ];
}
