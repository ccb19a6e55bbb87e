using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class ConcurrencyTests
{
    private static string Deploy(string onConflict) => $$$"""
        name: deploy
        inputs:
          env: {type: string, default: prod}
        concurrency:
          key: deploy-${{ inputs.env }}
          on_conflict: {{{onConflict}}}
        steps:
          - id: ship
            run: ./ship
        """;

    [Fact]
    public async Task Queue_keeps_a_newer_run_waiting_until_the_older_one_finishes()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", 4);
        await harness.ApplyAsync(Deploy("queue"));
        var older = await harness.StartRunAsync("deploy");
        var newer = await harness.StartRunAsync("deploy");
        var staging = await harness.StartRunAsync("deploy", new() { ["env"] = "staging" });

        await harness.TickAsync();

        Assert.Equal([older, staging], runner.TakeNewOffers().Select(o => o.RunId).OrderBy(r => r.Value));
        Assert.Equal(RunState.Queued, (await harness.RunAsync(newer)).State);
        Assert.Equal("deploy-prod", (await harness.RunAsync(newer)).ConcurrencyKey);

        await runner.RunAsync(runner.Offers.Single(o => o.RunId == older));
        await harness.TickAsync();

        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(older)).State);
        Assert.Equal(newer, Assert.Single(runner.TakeNewOffers()).RunId);
        var ship = await harness.StepAsync(newer, "ship");
        Assert.Equal((StepState.Offered, null), (ship.State, ship.PendingReason));
    }

    [Fact]
    public async Task Cancel_older_starts_the_newer_run_and_cancels_the_older_one_on_its_runner()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", 4);
        await harness.ApplyAsync(Deploy("cancel_older"));
        var older = await harness.StartRunAsync("deploy");
        await harness.TickAsync();
        var olderOffer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(olderOffer);

        var newer = await harness.StartRunAsync("deploy");
        await harness.TickAsync();

        Assert.Equal(RunState.Cancelling, (await harness.RunAsync(older)).State);
        Assert.Equal(olderOffer.AttemptId, Assert.Single(runner.Cancels).AttemptId);
        Assert.Equal(newer, Assert.Single(runner.TakeNewOffers()).RunId);

        await runner.CancelledAsync(olderOffer);
        await harness.TickAsync();
        Assert.Equal(RunState.Cancelled, (await harness.RunAsync(older)).State);
        Assert.Equal(StepState.Cancelled, (await harness.StepAsync(older, "ship")).State);
    }
}
