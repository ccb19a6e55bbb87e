using ControlPlane.Core.Attempts;
using ControlPlane.Core.Events;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;

namespace ControlPlane.Server.Tests.Scheduling.Support;

/// <summary>
/// Drives runs to the end the way well-behaved runners would: every offer is accepted and succeeds, runners heartbeat
/// as the clock moves, sessions reconnect after a restart, and reports the server refuses (stale epoch, attempt
/// already ended) are dropped, as a real runner drops them.
/// </summary>
internal static class Workload
{
    public static async Task<List<FakeRunner>> ConnectAllAsync(SchedulerHarness harness, IEnumerable<RunnerId> runners)
    {
        var connected = new List<FakeRunner>();
        foreach (var runner in runners)
        {
            connected.Add(await harness.ConnectAsync(runner));
        }

        return connected;
    }

    /// <summary>Ticks, finishes every offer, and moves the clock on when nothing happens, until every run has ended.</summary>
    public static async Task DriveToEndAsync(SchedulerHarness harness, List<FakeRunner> runners, IReadOnlyList<RunId> runs, int maxRounds = 200)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var result = await harness.TickAsync();
            var offers = 0;
            foreach (var runner in runners)
            {
                foreach (var offer in runner.TakeNewOffers())
                {
                    offers++;
                    await IgnoreRefusalAsync(() => runner.RunAsync(offer));
                }
            }

            if (await AllEndedAsync(harness, runs))
            {
                return;
            }

            if (offers == 0 && !result.MoreWork)
            {
                harness.Time.Advance(TimeSpan.FromSeconds(5));
                for (var i = 0; i < runners.Count; i++)
                {
                    await IgnoreRefusalAsync(runners[i].HeartbeatAsync);
                    if (runners[i].Session.IsClosed)
                    {
                        runners[i] = await harness.ConnectAsync(runners[i].Id);
                    }
                }
            }
        }

        throw new InvalidOperationException("The runs did not end.");
    }

    /// <summary>Every step succeeded exactly once, and the event log reads back in order.</summary>
    public static async Task AssertExactlyOnceAsync(SchedulerHarness harness, IReadOnlyList<RunId> runs)
    {
        foreach (var run in runs)
        {
            Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
            foreach (var step in await harness.StepsAsync(run))
            {
                Assert.Equal(StepState.Succeeded, step.State);
                var attempts = await harness.ReadAsync(unit => unit.Attempts.ListByStepAsync(step.Id, harness.Ct));
                Assert.Single(attempts, a => a.State == AttemptState.Succeeded);
                Assert.DoesNotContain(attempts, a => AttemptStateMachine.IsLive(a.State));
            }
        }

        var events = await harness.EventsAsync();
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence), "event sequences must increase");
        var succeeded = events.Where(e => e is { Entity: "step", Kind: "succeed" }).GroupBy(e => e.StepId).ToList();
        Assert.All(succeeded, g => Assert.Single(g));
        Assert.Equal((await Task.WhenAll(runs.Select(harness.StepsAsync))).Sum(s => s.Count), succeeded.Count);
    }

    private static async Task<bool> AllEndedAsync(SchedulerHarness harness, IReadOnlyList<RunId> runs)
    {
        foreach (var run in runs)
        {
            if (!RunStateMachine.IsTerminal((await harness.RunAsync(run)).State))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task IgnoreRefusalAsync(Func<Task> report)
    {
        try
        {
            await report();
        }
        catch (Exception e) when (e is StaleLeaseException or StateConflictException or RunnerNotConnectedException)
        {
        }
    }
}
