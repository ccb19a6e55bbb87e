using System.Text;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Sqlite;

public class RestartTests
{
    [Fact]
    public async Task After_a_restart_the_store_still_knows_every_live_run_lease_and_log_byte()
    {
        await using var store = await TestStore.OpenAsync();
        var (run, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var waiting = await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, run.Id, "package", store.Ct));
        var attempt = await store.WriteAsync(async unit =>
        {
            var offered = await Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddSeconds(30), store.Ct);
            await unit.Attempts.RecordProcessAsync(offered.Id, offered.LeaseEpoch, "pid:4242", store.Ct);
            await unit.Attempts.TransitionAsync(offered.Id, offered.LeaseEpoch, AttemptTrigger.Start, AttemptState.Offered, null, store.Ct);
            await unit.Steps.TransitionAsync(step.Id, StepTrigger.Start, StepState.Offered, new StepTransitionDetails { Attempt = offered.Id }, store.Ct);
            await unit.Logs.AppendAsync(new AttemptClaim(offered.RunnerId, offered.Id, offered.LeaseEpoch), new LogChunk(0, LogStream.Stdout, "compiling\n"u8.ToArray()), store.Ct);
            return offered;
        });
        var eventsBefore = await store.ReadAsync(unit => unit.Events.LatestSequenceAsync(store.Ct));

        await store.ReopenAsync();

        var recovered = await store.ReadAsync(async unit => (
            Runs: await unit.Runs.ListActiveAsync(store.Ct),
            Live: await unit.Attempts.ListLiveAsync(store.Ct),
            Ready: await unit.Steps.ListReadyAsync(10, store.Ct),
            Log: await unit.Logs.ReadAsync(attempt.Id, 0, 1024, store.Ct),
            Events: await unit.Events.LatestSequenceAsync(store.Ct)));
        Assert.Equal([(run.Id, RunState.Running)], recovered.Runs.Select(r => (r.Id, r.State)));
        var live = Assert.Single(recovered.Live);
        Assert.Equal((attempt.Id, AttemptState.Running, 1L, "pid:4242"), (live.Id, live.State, live.LeaseEpoch, live.ProcessRef));
        Assert.Equal([waiting.Id], recovered.Ready.Select(r => r.Step.Id));
        Assert.Equal("compiling\n", Encoding.UTF8.GetString(Assert.Single(recovered.Log).Data.Span));
        Assert.Equal(eventsBefore, recovered.Events);
    }
}
