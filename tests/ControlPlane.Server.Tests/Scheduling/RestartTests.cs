using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class RestartTests
{
    private const string Pipeline = """
        name: pipeline
        steps:
          - id: a
            run: ./a
          - id: b
            run: ./b
          - id: c
            needs: [a]
            run: ./c
          - id: d
            needs: [b, c]
            run: ./d
        """;

    private static async Task<(List<RunnerId> Runners, List<RunId> Runs)> SetUpAsync(SchedulerHarness harness, int runs)
    {
        var runners = new List<RunnerId> { await harness.RegisterRunnerAsync("r1", 3), await harness.RegisterRunnerAsync("r2", 2) };
        await harness.ApplyAsync(Pipeline);
        var started = new List<RunId>();
        for (var i = 0; i < runs; i++)
        {
            started.Add(await harness.StartRunAsync("pipeline"));
        }

        return (runners, started);
    }

    private static Func<SchedulerFaultPoint, ValueTask> CrashAt(SchedulerFaultPoint point) =>
        reached => reached == point ? throw new SimulatedCrashException() : ValueTask.CompletedTask;

    [Fact]
    public async Task A_crash_after_offers_are_committed_but_before_they_are_sent_loses_and_duplicates_nothing()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var (runnerIds, runs) = await SetUpAsync(harness, runs: 3);
        var runners = await Workload.ConnectAllAsync(harness, runnerIds);
        harness.Faults.OnPoint = CrashAt(SchedulerFaultPoint.AfterCommitBeforeSend);

        await Assert.ThrowsAsync<SimulatedCrashException>(harness.TickAsync);

        var offered = await harness.ReadAsync(unit => unit.Attempts.ListLiveAsync(harness.Ct));
        Assert.Equal(5, offered.Count);
        Assert.All(runners, r => Assert.Empty(r.Received));

        await harness.RestartAsync();
        var recovered = await harness.ReadAsync(unit => unit.Attempts.ListLiveAsync(harness.Ct));
        Assert.All(recovered, a => Assert.Equal(harness.Time.GetUtcNow().AddSeconds(30), a.LeaseExpiresAt));
        await Workload.DriveToEndAsync(harness, await Workload.ConnectAllAsync(harness, runnerIds), runs);

        await Workload.AssertExactlyOnceAsync(harness, runs);
        Assert.Equal(offered.Select(a => a.Id), (await harness.EventsAsync()).Where(e => e is { Entity: "attempt", Kind: "offer_expired" }).Select(e => e.AttemptId!.Value));
    }

    [Fact]
    public async Task A_crash_between_the_attempt_and_the_step_transition_of_one_offer_leaves_neither()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var (runnerIds, runs) = await SetUpAsync(harness, runs: 1);
        await Workload.ConnectAllAsync(harness, runnerIds);
        var eventsBefore = (await harness.EventsAsync()).Count;
        harness.Faults.OnPoint = CrashAt(SchedulerFaultPoint.AfterAttemptCreated);

        await Assert.ThrowsAsync<SimulatedCrashException>(harness.TickAsync);
        await harness.RestartAsync();

        Assert.Empty(await harness.ReadAsync(unit => unit.Attempts.ListLiveAsync(harness.Ct)));
        Assert.All(await harness.StepsAsync(runs[0]), s => Assert.Equal(StepState.Pending, s.State));
        Assert.Equal(RunState.Queued, (await harness.RunAsync(runs[0])).State);
        Assert.Equal(eventsBefore + 2, (await harness.EventsAsync()).Count); // only recovery setting the two runners offline

        await Workload.DriveToEndAsync(harness, await Workload.ConnectAllAsync(harness, runnerIds), runs);
        await Workload.AssertExactlyOnceAsync(harness, runs);
    }

    [Fact]
    public async Task A_runner_that_reconnects_within_the_grace_reattaches_and_finishes_under_a_new_epoch()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var (runnerIds, runs) = await SetUpAsync(harness, runs: 1);
        var runner = await harness.ConnectAsync(runnerIds[0]);
        await harness.TickAsync();
        var offers = runner.TakeNewOffers();
        foreach (var offer in offers)
        {
            await runner.AcceptAsync(offer);
        }

        await harness.RestartAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(25));
        await harness.TickAsync();
        Assert.All(await harness.ReadAsync(unit => unit.Attempts.ListLiveAsync(harness.Ct)), a => Assert.Equal(AttemptState.Running, a.State));

        var back = await harness.ConnectAsync(runnerIds[0]);
        var lease = await harness.Reporter.ReattachAsync(back.Claim(offers[0]), harness.Ct);
        await Assert.ThrowsAsync<StaleLeaseException>(() => back.SucceedAsync(offers[0]));
        await back.SucceedAsync(offers[0], epoch: lease.Epoch);

        Assert.True(lease.Epoch > offers[0].Epoch);
        Assert.Equal(StepState.Succeeded, (await harness.StepAsync(runs[0], offers[0].StepKey)).State);
        harness.Time.Advance(TimeSpan.FromSeconds(6));
        await harness.TickAsync();
        var other = await harness.ReadAsync(unit => unit.Attempts.GetAsync(offers[1].AttemptId, harness.Ct));
        Assert.Equal((AttemptState.Lost, FailureClass.RunnerLost), (other.State, other.FailureClass));
        Assert.Equal(StepState.WaitingForRetry, (await harness.StepAsync(runs[0], offers[1].StepKey)).State);
    }

    [Fact]
    public async Task Crashes_at_every_fault_point_in_turn_still_run_every_step_exactly_once()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var (runnerIds, runs) = await SetUpAsync(harness, runs: 4);
        var runners = await Workload.ConnectAllAsync(harness, runnerIds);
        var points = Enum.GetValues<SchedulerFaultPoint>();
        var random = new Random(2025);
        var crashes = 0;

        for (var crash = 0; crash < 12; crash++)
        {
            var point = points[crash % points.Length];
            var countdown = random.Next(1, 4);
            harness.Faults.OnPoint = reached => reached == point && --countdown == 0 ? throw new SimulatedCrashException() : ValueTask.CompletedTask;
            try
            {
                await Workload.DriveToEndAsync(harness, runners, runs, maxRounds: 6);
            }
            catch (SimulatedCrashException)
            {
                crashes++;
            }
            catch (InvalidOperationException)
            {
                // Not finished within the rounds allowed: restart anyway.
            }

            harness.Faults.OnPoint = null;
            await harness.RestartAsync();
            runners = await Workload.ConnectAllAsync(harness, runnerIds);
        }

        await Workload.DriveToEndAsync(harness, runners, runs);
        await Workload.AssertExactlyOnceAsync(harness, runs);
        Assert.True(crashes >= 8, $"only {crashes} crashes happened");
    }
}
