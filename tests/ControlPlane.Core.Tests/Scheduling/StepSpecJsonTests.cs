using ControlPlane.Core.Definitions;
using ControlPlane.Core.Scheduling;

namespace ControlPlane.Core.Tests.Scheduling;

public class StepSpecJsonTests
{
    [Fact]
    public void A_planned_step_round_trips_with_everything_the_scheduler_and_runner_need()
    {
        var plan = PlannedRuns.Plan("""
            name: build
            env: {A: "1"}
            steps:
              - id: setup
                run: echo setup
              - id: test
                needs: [setup]
                if: matrix.os != 'mac'
                matrix:
                  os: [linux]
                  node: [20]
                  max_parallel: 1
                  fail_fast: false
                runs_on: [gpu, "${{ matrix.os }}"]
                timeout: 90s
                continue_on_error: true
                retry:
                  attempts: 3
                  initial_backoff: 2s
                  jitter: 0.5
                  on: [exit_code, runner_lost]
                  exit_codes: [75]
                env: {B: two}
                docker:
                  image: node:${{ matrix.node }}
                  command: [npm, test]
                  mounts: [{source: ., target: /src, read_only: true}]
                outputs:
                  report: ${{ result.outputs.report }}
            """);
        var original = plan.Find("test[os=linux,node=20]")!;

        var copy = StepSpecJson.Deserialize(StepSpecJson.Serialize(original));

        Assert.Equal((original.Key, original.StepId, original.Name, original.Timeout, original.Condition, original.ContinueOnError, original.Level),
            (copy.Key, copy.StepId, copy.Name, copy.Timeout, copy.Condition, copy.ContinueOnError, copy.Level));
        Assert.Equal(original.Needs, copy.Needs);
        Assert.Equal(["gpu", "linux"], copy.RunsOn);
        Assert.Equal([new("os", (object)"linux"), new("node", 20.0)], copy.Matrix);
        Assert.Equal(original.Strategy, copy.Strategy);
        Assert.Equal(original.Env, copy.Env);
        Assert.Equal(original.Outputs, copy.Outputs);
        Assert.Equal(original.Retry with { ExitCodes = [] }, copy.Retry with { ExitCodes = [] });
        Assert.Equal([75], copy.Retry.ExitCodes);
        Assert.Equal(RetryConditions.ExitCode | RetryConditions.RunnerLost, copy.Retry.On);
        var docker = Assert.IsType<DockerAction>(copy.Action);
        Assert.Equal("node:20", docker.Image);
        Assert.Equal(["npm", "test"], docker.Command!);
        Assert.Equal([new DockerMount(".", "/src", true)], docker.Mounts);
    }

    [Fact]
    public void Actions_carry_a_type_and_snake_case_fields()
    {
        var step = PlannedRuns.Plan("""
            steps:
              - id: wait
                sleep: 5s
            """).Steps[0];

        var json = StepSpecJson.Serialize(step);

        Assert.Contains("\"action\":{\"type\":\"sleep\"", json, StringComparison.Ordinal);
        Assert.Contains("\"continue_on_error\":false", json, StringComparison.Ordinal);
        Assert.Equal(new SleepAction(TimeSpan.FromSeconds(5)), StepSpecJson.Deserialize(json).Action);
    }

    [Fact]
    public void A_run_action_keeps_its_script_and_shell()
    {
        var step = PlannedRuns.Plan("""
            steps:
              - id: hello
                shell: sh
                run: echo hello
            """).Steps[0];

        Assert.Equal(new RunAction("echo hello", ShellKind.Sh), StepSpecJson.Deserialize(StepSpecJson.Serialize(step)).Action);
    }
}
