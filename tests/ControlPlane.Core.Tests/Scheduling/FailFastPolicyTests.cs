using ControlPlane.Core.Scheduling;
using static ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Core.Tests.Scheduling;

public class FailFastPolicyTests
{
    private static string Matrix(bool failFast, bool continueOnError = false) => $$"""
        steps:
          - id: test
            continue_on_error: {{(continueOnError ? "true" : "false")}}
            matrix:
              n: [1, 2, 3, 4]
              fail_fast: {{(failFast ? "true" : "false")}}
            run: ./test
        """;

    [Fact]
    public void A_failed_expansion_cancels_its_unfinished_siblings()
    {
        var run = PlannedRuns.Snapshot(Matrix(failFast: true), ("test[n=1]", Failed), ("test[n=2]", Running), ("test[n=3]", Succeeded), ("test[n=4]", Ready));

        var cancel = FailFastPolicy.SiblingsToCancel(run.Steps);

        Assert.Equal(["test[n=2]", "test[n=4]"], cancel.Select(s => s.Key));
        Assert.Equal("cancelled by fail_fast: test[n=1] failed", FailFastPolicy.CancelReason(run.Steps, cancel[0]));
    }

    [Fact]
    public void Without_fail_fast_siblings_keep_running() =>
        Assert.Empty(FailFastPolicy.SiblingsToCancel(PlannedRuns.Snapshot(Matrix(failFast: false), ("test[n=1]", Failed), ("test[n=2]", Running)).Steps));

    [Fact]
    public void A_failure_under_continue_on_error_does_not_trigger_fail_fast() =>
        Assert.Empty(FailFastPolicy.SiblingsToCancel(PlannedRuns.Snapshot(Matrix(failFast: true, continueOnError: true), ("test[n=1]", Failed), ("test[n=2]", Running)).Steps));

    [Fact]
    public void A_failure_waiting_for_retry_is_not_final_and_cancels_nothing() =>
        Assert.Empty(FailFastPolicy.SiblingsToCancel(PlannedRuns.Snapshot(Matrix(failFast: true), ("test[n=1]", WaitingForRetry), ("test[n=2]", Running)).Steps));
}
