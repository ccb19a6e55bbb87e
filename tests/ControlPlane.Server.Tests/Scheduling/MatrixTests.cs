using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class MatrixTests
{
    [Fact]
    public async Task Max_parallel_runs_no_more_than_that_many_expansions_at_once_in_plan_order()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("big", 10);
        await harness.ApplyAsync("""
            name: matrix
            steps:
              - id: test
                matrix:
                  n: [1, 2, 3, 4, 5]
                  max_parallel: 2
                run: ./test
            """);
        var run = await harness.StartRunAsync("matrix");
        var started = new List<string>();

        await harness.TickAsync();
        var live = runner.TakeNewOffers().ToList();
        started.AddRange(live.Select(o => o.StepKey));
        while (live.Count > 0)
        {
            Assert.True(live.Count <= 2);
            await runner.RunAsync(live[0]);
            live.RemoveAt(0);
            await harness.TickAsync();
            var next = runner.TakeNewOffers();
            started.AddRange(next.Select(o => o.StepKey));
            live.AddRange(next);
        }

        Assert.Equal(["test[n=1]", "test[n=2]", "test[n=3]", "test[n=4]", "test[n=5]"], started);
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task Fail_fast_cancels_the_running_and_waiting_siblings_of_a_failed_expansion()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", 2);
        await harness.ApplyAsync("""
            name: matrix
            steps:
              - id: test
                matrix:
                  n: [1, 2, 3]
                run: ./test
              - id: report
                needs: [test]
                run: ./report
            """);
        var run = await harness.StartRunAsync("matrix");
        await harness.TickAsync();
        var offers = runner.TakeNewOffers();
        await runner.AcceptAsync(offers[0]);
        await runner.AcceptAsync(offers[1]);

        await runner.FailAsync(offers[0]);
        await harness.TickAsync();

        var steps = (await harness.StepsAsync(run)).ToDictionary(s => s.Key);
        Assert.Equal(StepState.Failed, steps["test[n=1]"].State);
        Assert.Equal((StepState.Cancelled, "cancelled by fail_fast: test[n=1] failed"), (steps["test[n=2]"].State, steps["test[n=2]"].Outcome));
        Assert.Equal(StepState.Cancelled, steps["test[n=3]"].State);
        Assert.Equal(StepState.Skipped, steps["report"].State);
        Assert.Equal(offers[1].AttemptId, Assert.Single(runner.Cancels).AttemptId);
        Assert.Equal(RunState.Failed, (await harness.RunAsync(run)).State);
        Assert.Empty(runner.TakeNewOffers());
    }
}
