using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class PlacementTests
{
    private static string Wide(string name, int steps) =>
        $"name: {name}\nsteps:\n" + string.Concat(Enumerable.Range(1, steps).Select(i => $"  - id: s{i}\n    run: echo {i}\n"));

    [Fact]
    public async Task A_workflow_with_one_ready_step_is_not_starved_by_one_with_a_hundred()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Wide("busy", 100), "busy.yaml");
        await harness.ApplyAsync(Wide("quiet", 1), "quiet.yaml");
        var busy = await harness.StartRunAsync("busy");
        var quiet = await harness.StartRunAsync("quiet");
        await harness.TickAsync();
        var runner = await harness.RunnerAsync("r1", capacity: 3);

        await harness.TickAsync();

        var offers = runner.TakeNewOffers();
        Assert.Equal(3, offers.Count);
        Assert.Contains(offers.Take(2), o => o.RunId == quiet);
        Assert.Equal(2, offers.Count(o => o.RunId == busy));
    }

    [Fact]
    public async Task Higher_priority_runs_are_offered_first_and_equal_ones_first_come_first_served()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Wide("job", 1));
        var early = await harness.StartRunAsync("job");
        var late = await harness.StartRunAsync("job");
        var urgent = await harness.StartRunAsync("job", priority: 5);
        await harness.TickAsync();
        var runner = await harness.RunnerAsync("r1");

        var order = new List<Core.Runs.RunId>();
        for (var i = 0; i < 3; i++)
        {
            await harness.TickAsync();
            var offer = Assert.Single(runner.TakeNewOffers());
            order.Add(offer.RunId);
            await runner.RunAsync(offer);
        }

        Assert.Equal([urgent, early, late], order);
    }

    [Fact]
    public async Task A_draining_runner_finishes_its_work_and_gets_nothing_new()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Wide("job", 2));
        var run = await harness.StartRunAsync("job");
        var runner = await harness.RunnerAsync("r1", capacity: 1);
        await harness.TickAsync();
        var first = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(first);

        await harness.Connector.SetDrainingAsync(runner.Id, true, harness.Ct);
        await runner.SucceedAsync(first);
        await harness.TickAsync();

        Assert.Empty(runner.TakeNewOffers());
        Assert.Equal("1 matching runner, all draining", (await harness.StepAsync(run, "s2")).PendingReason);
    }
}
