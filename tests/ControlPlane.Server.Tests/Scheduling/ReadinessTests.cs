using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class ReadinessTests
{
    private const string Diamond = """
        name: diamond
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

    [Fact]
    public async Task Steps_are_offered_as_their_needs_succeed_and_the_run_succeeds_when_all_have()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", capacity: 4);
        await harness.ApplyAsync(Diamond);
        var run = await harness.StartRunAsync("diamond");

        await harness.TickAsync();
        Assert.Equal(["build", "lint"], runner.TakeNewOffers().Select(o => o.StepKey));
        Assert.Equal(RunState.Running, (await harness.RunAsync(run)).State);
        Assert.Equal(StepState.Pending, (await harness.StepAsync(run, "test")).State);

        foreach (var offer in runner.Offers)
        {
            await runner.RunAsync(offer);
        }

        await harness.TickAsync();
        var test = Assert.Single(runner.TakeNewOffers());
        Assert.Equal("test", test.StepKey);
        await runner.RunAsync(test);
        await harness.TickAsync();
        await runner.RunAsync(Assert.Single(runner.TakeNewOffers()));
        await harness.TickAsync();

        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
        Assert.All(await harness.StepsAsync(run), s => Assert.Equal(StepState.Succeeded, s.State));
    }

    [Fact]
    public async Task A_failed_step_skips_everything_downstream_and_fails_the_run()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", capacity: 4);
        await harness.ApplyAsync(Diamond);
        var run = await harness.StartRunAsync("diamond");
        await harness.TickAsync();
        var offers = runner.TakeNewOffers();
        await runner.AcceptAsync(offers[0]);
        await runner.FailAsync(offers[0], exitCode: 2);
        await runner.RunAsync(offers[1]);

        await harness.TickAsync();

        var steps = (await harness.StepsAsync(run)).ToDictionary(s => s.Key);
        Assert.Equal((StepState.Failed, "exited with code 2", 2), (steps["build"].State, steps["build"].Outcome, steps["build"].ExitCode));
        Assert.Equal((StepState.Skipped, "skipped: needed steps did not succeed (build failure)"), (steps["test"].State, steps["test"].Outcome));
        Assert.Equal(StepState.Skipped, steps["package"].State);
        Assert.Equal(RunState.Failed, (await harness.RunAsync(run)).State);
        Assert.Empty(runner.TakeNewOffers());
    }

    [Fact]
    public async Task Continue_on_error_lets_dependents_run_and_the_run_succeed()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: tolerant
            steps:
              - id: flaky
                continue_on_error: true
                run: exit 1
              - id: after
                needs: [flaky]
                run: echo fine
            """);
        var run = await harness.StartRunAsync("tolerant");
        await harness.TickAsync();
        var flaky = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(flaky);
        await runner.FailAsync(flaky);

        await harness.TickAsync();
        await runner.RunAsync(Assert.Single(runner.TakeNewOffers()));
        await harness.TickAsync();

        Assert.Equal(StepState.Failed, (await harness.StepAsync(run, "flaky")).State);
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_false_condition_skips_the_step_and_an_always_step_still_runs()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: conditional
            inputs:
              deploy: {type: bool, default: false}
            steps:
              - id: build
                run: make
              - id: deploy
                needs: [build]
                if: inputs.deploy
                run: ./deploy
              - id: notify
                needs: [deploy]
                if: always()
                run: ./notify
              - id: verify
                needs: [deploy]
                run: ./verify
            """);
        var run = await harness.StartRunAsync("conditional");
        await harness.TickAsync();
        await runner.RunAsync(Assert.Single(runner.TakeNewOffers()));

        await harness.TickAsync();

        Assert.Equal(("skipped: if is false (inputs.deploy)"), (await harness.StepAsync(run, "deploy")).Outcome);
        Assert.Equal(StepState.Skipped, (await harness.StepAsync(run, "verify")).State);
        Assert.Equal("notify", Assert.Single(runner.TakeNewOffers()).StepKey);
    }

    [Fact]
    public async Task Step_outputs_are_evaluated_from_what_the_runner_reports_and_read_by_later_conditions()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: outputs
            steps:
              - id: probe
                run: echo changed=yes >> $CP_OUTPUT
                outputs:
                  changed: ${{ result.outputs.changed }}
              - id: rebuild
                needs: [probe]
                if: steps.probe.outputs.changed == 'yes'
                run: make
            """);
        var run = await harness.StartRunAsync("outputs");
        await harness.TickAsync();
        await runner.RunAsync(Assert.Single(runner.TakeNewOffers()), new Dictionary<string, string> { ["changed"] = "yes", ["noise"] = "x" });

        await harness.TickAsync();

        Assert.Equal("""{"changed":"yes"}""", (await harness.StepAsync(run, "probe")).OutputsJson);
        Assert.Equal("rebuild", Assert.Single(runner.TakeNewOffers()).StepKey);
    }
}
