using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class PendingReasonTests
{
    [Fact]
    public async Task A_step_needing_labels_no_runner_has_says_which()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.RunnerAsync("cpu", 2, "linux");
        await harness.ApplyAsync("""
            name: train
            steps:
              - id: fit
                runs_on: [linux, gpu]
                run: python train.py
            """);
        var run = await harness.StartRunAsync("train");

        await harness.TickAsync();

        Assert.Equal("no connected runner has labels [linux, gpu]", (await harness.StepAsync(run, "fit")).PendingReason);
    }

    [Fact]
    public async Task Steps_waiting_for_busy_runners_say_how_many_match_and_the_reason_clears_when_offered()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var one = await harness.RunnerAsync("one", 1, "linux");
        var two = await harness.RunnerAsync("two", 1, "linux");
        await harness.ApplyAsync("""
            name: three
            steps:
              - {id: a, runs_on: [linux], run: echo a}
              - {id: b, runs_on: [linux], run: echo b}
              - {id: c, runs_on: [linux], run: echo c}
            """);
        var run = await harness.StartRunAsync("three");

        await harness.TickAsync();

        Assert.Equal("2 matching runners, all slots busy", (await harness.StepAsync(run, "c")).PendingReason);
        await one.RunAsync(Assert.Single(one.TakeNewOffers()));
        await harness.TickAsync();
        var c = await harness.StepAsync(run, "c");
        Assert.Equal((Core.Steps.StepState.Offered, null), (c.State, c.PendingReason));
        Assert.Single(two.TakeNewOffers());
    }

    [Fact]
    public async Task A_run_queued_behind_its_concurrency_key_says_so_on_its_steps()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync("""
            name: deploy
            inputs:
              env: {type: string, default: prod}
            concurrency:
              key: deploy-${{ inputs.env }}
            steps:
              - id: ship
                run: ./ship
              - id: verify
                needs: [ship]
                run: ./verify
            """);
        await harness.StartRunAsync("deploy");
        var second = await harness.StartRunAsync("deploy");

        await harness.TickAsync();

        Assert.All(await harness.StepsAsync(second), s => Assert.Equal("waiting for concurrency key deploy-prod", s.PendingReason));
    }

    [Fact]
    public async Task A_matrix_step_at_its_max_parallel_says_so()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.RunnerAsync("big", 10);
        await harness.ApplyAsync("""
            name: matrix
            steps:
              - id: test
                matrix:
                  n: [1, 2]
                  max_parallel: 1
                run: ./test
            """);
        var run = await harness.StartRunAsync("matrix");

        await harness.TickAsync();

        Assert.Equal("max_parallel 1 reached for test", (await harness.StepAsync(run, "test[n=2]")).PendingReason);
    }
}
