using ControlPlane.Core.Scheduling;
using static ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Core.Tests.Scheduling;

public class ReadinessPolicyTests
{
    private const string Diamond = """
        steps:
          - id: build
            run: make
          - id: lint
            run: make lint
          - id: test
            needs: [build]
            run: make test
          - id: package
            needs: [test, lint]
            run: make package
        """;

    private static string[] Verdicts(RunSnapshot run) =>
        [.. ReadinessPolicy.Decide(run).Select(d => $"{d.Key}: {d.Verdict}")];

    [Fact]
    public void Steps_without_needs_are_ready_at_once_and_the_rest_wait()
    {
        Assert.Equal(["build: Ready", "lint: Ready"], Verdicts(PlannedRuns.Snapshot(Diamond)));
    }

    [Fact]
    public void A_step_is_ready_when_all_its_needs_succeeded()
    {
        var run = PlannedRuns.Snapshot(Diamond, ("build", Succeeded), ("lint", Succeeded), ("test", Succeeded));

        Assert.Equal(["package: Ready"], Verdicts(run));
    }

    [Fact]
    public void A_step_waits_while_any_transitive_need_is_unfinished()
    {
        var run = PlannedRuns.Snapshot(Diamond, ("build", Running), ("lint", Succeeded));

        Assert.Empty(Verdicts(run));
    }

    [Fact]
    public void A_failed_need_skips_the_step_and_the_skip_propagates_downstream_in_one_pass()
    {
        var run = PlannedRuns.Snapshot(Diamond, ("build", Failed), ("lint", Succeeded));

        var decisions = ReadinessPolicy.Decide(run);

        Assert.Equal(["test: Skip", "package: Skip"], decisions.Select(d => $"{d.Key}: {d.Verdict}"));
        Assert.Equal("skipped: needed steps did not succeed (build failure)", decisions[0].Reason);
        Assert.Equal("skipped: needed steps did not succeed (build failure, test skipped)", decisions[1].Reason);
    }

    [Fact]
    public void A_failure_under_continue_on_error_counts_as_success_for_dependents()
    {
        var run = PlannedRuns.Snapshot(
            """
            steps:
              - id: flaky
                continue_on_error: true
                run: exit 1
              - id: after
                needs: [flaky]
                run: echo fine
            """,
            ("flaky", Failed));

        Assert.Equal(["after: Ready"], Verdicts(run));
    }

    [Fact]
    public void Always_and_failure_conditions_run_after_a_failed_need()
    {
        var run = PlannedRuns.Snapshot(
            """
            steps:
              - id: deploy
                run: ./deploy
              - id: rollback
                needs: [deploy]
                if: failure()
                run: ./rollback
              - id: notify
                needs: [deploy]
                if: always()
                run: ./notify
              - id: smoke
                needs: [deploy]
                if: failure() == false
                run: ./smoke
            """,
            ("deploy", Failed));

        var decisions = ReadinessPolicy.Decide(run);

        Assert.Equal(["rollback: Ready", "notify: Ready", "smoke: Skip"], decisions.Select(d => $"{d.Key}: {d.Verdict}"));
        Assert.Equal("skipped: if is false (failure() == false)", decisions[2].Reason);
    }

    [Fact]
    public void A_condition_without_a_status_function_still_needs_success()
    {
        var run = PlannedRuns.Snapshot(
            """
            inputs:
              deploy: {type: bool, default: true}
            steps:
              - id: build
                run: make
              - id: ship
                needs: [build]
                if: inputs.deploy
                run: ./ship
            """,
            ("build", Skipped));

        Assert.Equal(["ship: Skip"], Verdicts(run));
    }

    [Fact]
    public void Conditions_read_inputs_matrix_values_and_the_outcomes_of_needed_steps()
    {
        var plan = PlannedRuns.Plan(
            """
            inputs:
              target: {type: string, default: prod}
            steps:
              - id: probe
                continue_on_error: true
                run: ./probe
              - id: test
                needs: [probe]
                matrix:
                  os: [linux, mac]
                if: matrix.os == 'linux' && inputs.target == 'prod' && steps.probe.outcome == 'failure'
                run: make test
            """);

        var run = PlannedRuns.Snapshot(plan, ("probe", Failed));

        Assert.Equal(["test[os=linux]: Ready", "test[os=mac]: Skip"], Verdicts(run));
    }

    [Fact]
    public void A_condition_that_cannot_be_evaluated_fails_the_step()
    {
        var run = PlannedRuns.Snapshot(
            """
            steps:
              - id: build
                run: make
              - id: odd
                needs: [build]
                if: fromJSON('{oops') == 1
                run: echo odd
            """,
            ("build", Succeeded));

        var decision = Assert.Single(ReadinessPolicy.Decide(run));

        Assert.Equal(ReadinessVerdict.Fail, decision.Verdict);
        Assert.StartsWith("if cannot be evaluated: ", decision.Reason, StringComparison.Ordinal);
    }
}
