using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Tests.Scheduling.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Scheduling;

/// <summary>
/// The database on a small tmpfs fills up while a step runs, for longer than the runner-lost timeout, then gets room:
/// the scheduler makes no decision meanwhile, and afterwards grants the failover grace as after a restart.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    private const string OneStep = """
        name: one
        steps:
          - id: a
            run: ./a
        """;

    [Fact]
    public async Task After_a_full_disk_the_runner_is_not_lost_and_the_result_it_sent_meanwhile_is_recorded_once_when_resent()
    {
        using var disk = Tmpfs.TryMount("2m", out var refused);
        if (disk is null)
        {
            output.WriteLine($"SKIPPED: mounting a tmpfs is not permitted here ({refused})");
            return;
        }

        await using var harness = await SchedulerHarness.StartAsync(o => o.RunnerLostTimeout = TimeSpan.FromSeconds(15), disk.Path);
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(OneStep);
        var run = await harness.StartRunAsync("one");
        await harness.SettleAsync();
        var offer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(offer);

        disk.Fill();
        harness.Time.Advance(TimeSpan.FromSeconds(40));
        await Assert.ThrowsAsync<StoreUnwritableException>(runner.HeartbeatAsync);
        await Assert.ThrowsAsync<StoreUnwritableException>(() => runner.SucceedAsync(offer));
        Assert.False(await harness.OutageGate.TryResumeAsync(harness.Ct));

        disk.Free();
        Assert.True(await harness.OutageGate.TryResumeAsync(harness.Ct));
        Assert.True(harness.Store.WriteHealth.IsWritable);
        await harness.SettleAsync();

        var attempt = Assert.Single(await harness.ReadAsync(unit => unit.Attempts.ListLiveAsync(harness.Ct)));
        Assert.Equal(AttemptState.Running, attempt.State);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(30), attempt.LeaseExpiresAt);
        Assert.Equal(RunnerState.Online, (await harness.ReadAsync(unit => unit.Runners.GetAsync(runner.Id, harness.Ct))).State);

        // The agent resends its result until it is acknowledged.
        await runner.SucceedAsync(offer);
        await harness.SettleAsync();

        Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
        var step = await harness.StepAsync(run, "a");
        var attempts = await harness.ReadAsync(unit => unit.Attempts.ListByStepAsync(step.Id, harness.Ct));
        Assert.Equal(AttemptState.Succeeded, Assert.Single(attempts).State);
        Assert.Empty(runner.TakeNewOffers());
    }
}
