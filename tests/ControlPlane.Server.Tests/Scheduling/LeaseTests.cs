using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class LeaseTests
{
    private const string OneStep = """
        name: once
        steps:
          - id: work
            run: ./work
        """;

    [Fact]
    public async Task Lease_expiry_requeues_the_step_once_and_then_fails_it()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var first = await harness.RunnerAsync("r1");
        var second = await harness.RunnerAsync("r2");
        await harness.ApplyAsync(OneStep);
        var run = await harness.StartRunAsync("once");
        await harness.TickAsync();
        var offer = Assert.Single(first.TakeNewOffers());
        await first.AcceptAsync(offer);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await second.HeartbeatAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await harness.TickAsync();
        Assert.Empty(second.TakeNewOffers());
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await harness.TickAsync();

        var lost = await harness.ReadAsync(unit => unit.Attempts.GetAsync(offer.AttemptId, harness.Ct));
        Assert.Equal((AttemptState.Lost, FailureClass.RunnerLost), (lost.State, lost.FailureClass));
        var waiting = await harness.StepAsync(run, "work");
        Assert.Equal(StepState.WaitingForRetry, waiting.State);
        Assert.Equal(RunnerState.Lost, (await harness.ReadAsync(unit => unit.Runners.GetAsync(first.Id, harness.Ct))).State);
        Assert.True(first.Session.IsClosed);

        harness.Time.AdvanceTo(waiting.NotBefore!.Value);
        await harness.TickAsync();
        var retry = Assert.Single(second.TakeNewOffers());
        await second.AcceptAsync(retry);
        harness.Time.Advance(TimeSpan.FromSeconds(16));
        await harness.TickAsync();

        var step = await harness.StepAsync(run, "work");
        Assert.Equal((StepState.Failed, "runner lost"), (step.State, step.Outcome));
        Assert.Equal(RunState.Failed, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_runner_cannot_report_for_an_attempt_another_runner_holds_even_with_its_epoch()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var holder = await harness.RunnerAsync("holder");
        var intruder = await harness.RunnerAsync("intruder");
        await harness.ApplyAsync(OneStep);
        var run = await harness.StartRunAsync("once");
        await harness.TickAsync();
        var offer = Assert.Single(holder.TakeNewOffers());
        var forged = intruder.Claim(offer);

        // Offered, then running: every kind of report from the intruder is refused before its epoch is looked at.
        await Assert.ThrowsAsync<AttemptNotHeldException>(() => harness.Reporter.AcceptAsync(forged, harness.Ct));
        await Assert.ThrowsAsync<AttemptNotHeldException>(() => harness.Reporter.RejectAsync(forged, harness.Ct));
        await Assert.ThrowsAsync<AttemptNotHeldException>(() => harness.Reporter.StartedAsync(forged, "pid:1", harness.Ct));
        Assert.Equal(AttemptState.Offered, (await harness.ReadAsync(unit => unit.Attempts.GetAsync(offer.AttemptId, harness.Ct))).State);
        await holder.AcceptAsync(offer);
        var events = (await harness.EventsAsync()).Count;
        await Assert.ThrowsAsync<AttemptNotHeldException>(() => harness.Reporter.FinishedAsync(forged, 0, AttemptOutcome.Succeeded, null, new Dictionary<string, string> { ["forged"] = "1" }, harness.Ct));
        await Assert.ThrowsAsync<AttemptNotHeldException>(() => harness.Reporter.ReattachAsync(forged, harness.Ct));
        await Assert.ThrowsAsync<AttemptNotHeldException>(() => harness.Reporter.ReattachAsync(forged with { Epoch = offer.Epoch - 1 }, harness.Ct));

        var attempt = await harness.ReadAsync(unit => unit.Attempts.GetAsync(offer.AttemptId, harness.Ct));
        Assert.Equal((AttemptState.Running, offer.Epoch, holder.Id), (attempt.State, attempt.LeaseEpoch, attempt.RunnerId));
        Assert.Equal(events, (await harness.EventsAsync()).Count);
        await holder.SucceedAsync(offer, new Dictionary<string, string> { ["real"] = "1" });
        await harness.TickAsync();
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_runner_declared_lost_is_not_offered_the_slot_its_lost_attempt_freed()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: pair
            steps:
              - {id: one, run: ./one}
              - {id: two, run: ./two}
            """);
        var run = await harness.StartRunAsync("pair");
        await harness.TickAsync();
        await runner.AcceptAsync(Assert.Single(runner.TakeNewOffers()));

        harness.Time.Advance(TimeSpan.FromSeconds(16));
        await harness.TickAsync();

        Assert.True(runner.Session.IsClosed);
        Assert.Empty(runner.TakeNewOffers());
        Assert.Equal("no connected runner", (await harness.StepAsync(run, "two")).PendingReason);
    }

    [Fact]
    public async Task Heartbeats_keep_a_running_attempt_alive_past_the_runner_lost_timeout()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(OneStep);
        var run = await harness.StartRunAsync("once");
        await harness.TickAsync();
        var offer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(offer);

        for (var i = 0; i < 10; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(5));
            await runner.HeartbeatAsync();
            await harness.TickAsync();
        }

        Assert.Equal(StepState.Running, (await harness.StepAsync(run, "work")).State);
        await runner.SucceedAsync(offer);
        await harness.TickAsync();
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_stale_epoch_can_never_complete_an_attempt()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var slow = await harness.RunnerAsync("slow");
        await harness.ApplyAsync(OneStep);
        var run = await harness.StartRunAsync("once");
        await harness.TickAsync();
        var offer = Assert.Single(slow.TakeNewOffers());
        await slow.AcceptAsync(offer);
        harness.Time.Advance(TimeSpan.FromSeconds(16));
        await harness.TickAsync();
        var fresh = await harness.RunnerAsync("fresh");
        harness.Time.AdvanceTo((await harness.StepAsync(run, "work")).NotBefore!.Value);
        await harness.TickAsync();
        var retry = Assert.Single(fresh.TakeNewOffers());
        await fresh.AcceptAsync(retry);

        var refused = await Assert.ThrowsAsync<StaleLeaseException>(() => slow.SucceedAsync(offer));
        Assert.Equal(offer.Epoch, refused.PresentedEpoch);
        await Assert.ThrowsAsync<StaleLeaseException>(() => fresh.SucceedAsync(retry, epoch: offer.Epoch));
        await Assert.ThrowsAsync<StaleLeaseException>(() => harness.Reporter.AcceptAsync(fresh.Claim(retry, retry.Epoch - 1), harness.Ct));

        await fresh.SucceedAsync(retry);
        await harness.TickAsync();
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
        var attempts = await harness.ReadAsync(unit => unit.Attempts.ListByStepAsync(offer.StepId, harness.Ct));
        Assert.Equal([AttemptState.Lost, AttemptState.Succeeded], attempts.Select(a => a.State));
    }

    [Fact]
    public async Task An_offer_not_accepted_in_time_expires_and_goes_to_another_runner_without_spending_a_retry()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var deaf = await harness.RunnerAsync("deaf");
        await harness.ApplyAsync(OneStep);
        var run = await harness.StartRunAsync("once");
        await harness.TickAsync();
        var ignored = Assert.Single(deaf.TakeNewOffers());
        var other = await harness.RunnerAsync("other");

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.TickAsync();
        Assert.Empty(other.TakeNewOffers());
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await harness.TickAsync();

        var reoffer = Assert.Single(other.TakeNewOffers());
        Assert.Equal(ignored.StepId, reoffer.StepId);
        Assert.Empty(deaf.TakeNewOffers());
        await Assert.ThrowsAsync<StaleLeaseException>(() => deaf.AcceptAsync(ignored));
        await other.RunAsync(reoffer);
        await harness.TickAsync();
        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_rejected_offer_goes_back_to_the_queue_and_to_another_runner()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var busy = await harness.RunnerAsync("busy", capacity: 2);
        var idle = await harness.RunnerAsync("idle");
        await harness.ApplyAsync(OneStep);
        await harness.StartRunAsync("once");
        await harness.TickAsync();
        var offer = Assert.Single(busy.TakeNewOffers());

        await busy.RejectAsync(offer);
        await harness.TickAsync();

        var reoffer = Assert.Single(idle.TakeNewOffers());
        Assert.Equal((offer.StepId, 2), (reoffer.StepId, reoffer.AttemptNumber));
    }

    [Fact]
    public async Task A_heartbeat_from_a_runner_without_a_session_is_refused()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.Connector.DisconnectAsync(runner.Session, harness.Ct);

        await Assert.ThrowsAsync<RunnerNotConnectedException>(runner.HeartbeatAsync);
        Assert.Equal(RunnerState.Offline, (await harness.ReadAsync(unit => unit.Runners.GetAsync(runner.Id, harness.Ct))).State);
    }
}
