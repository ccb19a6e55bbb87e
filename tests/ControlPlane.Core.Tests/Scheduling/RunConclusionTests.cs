using ControlPlane.Core.Scheduling;
using static ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Core.Tests.Scheduling;

public class RunConclusionTests
{
    private const string Pair = """
        steps:
          - id: build
            run: make
          - id: docs
            continue_on_error: true
            run: make docs
        """;

    [Fact]
    public void A_run_is_undecided_while_a_step_is_unfinished() =>
        Assert.Null(RunConclusion.Decide(PlannedRuns.Snapshot(Pair, ("build", Succeeded), ("docs", WaitingForRetry)).Steps));

    [Fact]
    public void Succeeded_and_skipped_steps_make_a_successful_run() =>
        Assert.Equal(new RunVerdict(true, "every step succeeded or was skipped"), RunConclusion.Decide(PlannedRuns.Snapshot(Pair, ("build", Succeeded), ("docs", Skipped)).Steps));

    [Fact]
    public void A_failure_under_continue_on_error_does_not_fail_the_run() =>
        Assert.True(RunConclusion.Decide(PlannedRuns.Snapshot(Pair, ("build", Succeeded), ("docs", Failed)).Steps)!.Succeeded);

    [Fact]
    public void A_real_failure_fails_the_run_and_is_named() =>
        Assert.Equal(new RunVerdict(false, "failed: build"), RunConclusion.Decide(PlannedRuns.Snapshot(Pair, ("build", Failed), ("docs", Failed)).Steps));

    [Fact]
    public void A_cancelled_step_fails_a_running_run() =>
        Assert.Equal(new RunVerdict(false, "cancelled: docs"), RunConclusion.Decide(PlannedRuns.Snapshot(Pair, ("build", Succeeded), ("docs", Cancelled)).Steps));
}
