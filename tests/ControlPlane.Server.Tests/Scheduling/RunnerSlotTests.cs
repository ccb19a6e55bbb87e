using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

/// <summary>
/// A runner's slot is busy until the runner says its work is gone, and a runner that rejects an offer is left alone for
/// a while: a runner still stopping a timed-out step is not offered work it can only reject, and a rejecting runner
/// cannot make the scheduler write an attempt per tick.
/// </summary>
public class RunnerSlotTests
{
    private const string Slow = """
        name: slow
        steps:
          - id: hang
            timeout: 10s
            run: sleep 100
        """;

    private const string Quick = """
        name: quick
        steps:
          - id: work
            run: echo hi
        """;

    [Fact]
    public async Task A_runner_still_stopping_a_timed_out_step_is_offered_nothing_until_it_reports_the_attempt_ended()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(Slow, "slow.yaml");
        await harness.ApplyAsync(Quick, "quick.yaml");
        await harness.StartRunAsync("slow");
        await harness.TickAsync();
        var hang = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(hang);
        var queued = await harness.StartRunAsync("quick");

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        for (var tick = 0; tick < 20; tick++)
        {
            await harness.TickAsync();
            harness.Time.Advance(TimeSpan.FromMilliseconds(35));
        }

        Assert.Equal(AttemptState.Failed, (await harness.ReadAsync(unit => unit.Attempts.GetAsync(hang.AttemptId, harness.Ct))).State);
        Assert.Equal(hang.AttemptId, Assert.Single(runner.Cancels).AttemptId);
        Assert.Empty(runner.TakeNewOffers());
        Assert.Empty(await AttemptsAsync(harness, queued, "work"));

        // The runner has stopped the step: its report is refused (the server ended the attempt) but frees the slot.
        await Assert.ThrowsAsync<StateConflictException>(() => runner.FailAsync(hang, exitCode: 130));
        await harness.TickAsync();

        var offer = Assert.Single(runner.TakeNewOffers());
        Assert.Equal("work", offer.StepKey);
        await runner.RunAsync(offer);
        await harness.TickAsync();
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(queued)).State);
    }

    [Fact]
    public async Task After_a_reject_the_runner_is_offered_nothing_for_the_backoff_which_doubles_per_reject_in_a_row_and_resets_on_accept()
    {
        await using var harness = await SchedulerHarness.StartAsync(o => (o.RejectBackoff, o.MaxRejectBackoff) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(Quick);
        var run = await harness.StartRunAsync("quick");
        await harness.TickAsync();

        foreach (var pause in new[] { 1, 2, 3, 3 })
        {
            await runner.RejectAsync(Assert.Single(runner.TakeNewOffers()));
            var rejectedAt = harness.Time.GetUtcNow();
            var tick = await harness.TickAsync();
            Assert.Empty(runner.TakeNewOffers());
            Assert.Equal(rejectedAt.AddSeconds(pause), tick.NextDueAt);

            harness.Time.Advance(TimeSpan.FromSeconds(pause) - TimeSpan.FromMilliseconds(1));
            await harness.TickAsync();
            Assert.Empty(runner.TakeNewOffers());
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            await harness.TickAsync();
        }

        var offer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(offer);
        Assert.Equal(TimeSpan.Zero, runner.Session.OffersPausedUntil - DateTimeOffset.MinValue);
        Assert.Equal(5, (await AttemptsAsync(harness, run, "work")).Count);
    }

    [Fact]
    public async Task A_runner_that_rejects_every_offer_for_ten_seconds_of_35_ms_ticks_adds_a_handful_of_attempts_not_one_per_tick()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(Quick);
        var run = await harness.StartRunAsync("quick");

        var until = harness.Time.GetUtcNow().AddSeconds(10);
        while (harness.Time.GetUtcNow() < until)
        {
            await harness.TickAsync();
            foreach (var offer in runner.TakeNewOffers())
            {
                await runner.RejectAsync(offer);
            }

            harness.Time.Advance(TimeSpan.FromMilliseconds(35));
        }

        // Offers at 0, 1, 3 and 7 s (pauses of 1, 2 and 4 s), where one per tick would be 286.
        Assert.Equal(4, (await AttemptsAsync(harness, run, "work")).Count);
    }

    private static async Task<IReadOnlyList<AttemptRecord>> AttemptsAsync(SchedulerHarness harness, RunId run, string step)
    {
        var record = await harness.StepAsync(run, step);
        return await harness.ReadAsync(unit => unit.Attempts.ListByStepAsync(record.Id, harness.Ct));
    }
}
