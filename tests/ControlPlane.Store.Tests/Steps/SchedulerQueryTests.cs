using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Steps;

public class SchedulerQueryTests
{
    [Fact]
    public async Task Ready_steps_come_by_run_priority_then_first_ready_first_served_with_their_workflow()
    {
        await using var store = await TestStore.OpenAsync();
        var low = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "docs"));
        var high = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "hotfix", priority: 10, concurrencyKey: "prod"));
        var first = await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, low.Id, "a", store.Ct));
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var urgent = await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, high.Id, "b", store.Ct));
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, low.Id, "c", store.Ct));

        var ready = await store.ReadAsync(unit => unit.Steps.ListReadyAsync(10, store.Ct));

        Assert.Equal([urgent.Id, first.Id, second.Id], ready.Select(r => r.Step.Id));
        Assert.Equal((high.WorkflowId, 10, "prod"), (ready[0].WorkflowId, ready[0].Priority, ready[0].ConcurrencyKey));
        Assert.Equal(low.WorkflowId, ready[1].WorkflowId);
    }

    [Fact]
    public async Task Ready_steps_of_a_run_that_is_not_running_are_not_offered()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, run.Id, "a", store.Ct));

        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.RequestCancel, RunState.Running, null, store.Ct));

        Assert.Empty(await store.ReadAsync(unit => unit.Steps.ListReadyAsync(10, store.Ct)));
    }

    [Fact]
    public async Task The_ready_list_is_limited()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        foreach (var key in new[] { "a", "b", "c" })
        {
            await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, run.Id, key, store.Ct));
        }

        Assert.Equal(2, (await store.ReadAsync(unit => unit.Steps.ListReadyAsync(2, store.Ct))).Count);
    }

    [Fact]
    public async Task The_per_workflow_ready_list_takes_at_most_that_many_from_each_workflow_in_dispatch_order()
    {
        await using var store = await TestStore.OpenAsync();
        var busy = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "busy"));
        var quiet = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "quiet"));
        var busySteps = new List<StepId>();
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            busySteps.Add((await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, busy.Id, key, store.Ct))).Id);
            store.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var lonely = await store.WriteAsync(unit => Seed.ReadyStepAsync(unit, quiet.Id, "z", store.Ct));

        var ready = await store.ReadAsync(unit => unit.Steps.ListReadyPerWorkflowAsync(2, store.Ct));

        Assert.Equal([busySteps[0], busySteps[1], lonely.Id], ready.Select(r => r.Step.Id));
        Assert.Equal(quiet.WorkflowId, ready[2].WorkflowId);
    }

    [Fact]
    public async Task A_pending_reason_is_set_without_a_transition_or_an_event()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, _) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        var eventsBefore = await store.ReadAsync(unit => unit.Events.LatestSequenceAsync(store.Ct));

        await store.WriteAsync(unit => unit.Steps.SetPendingReasonAsync(step.Id, "2 matching runners, all slots busy", store.Ct));

        var stored = await store.ReadAsync(unit => unit.Steps.GetAsync(step.Id, store.Ct));
        Assert.Equal((StepState.Ready, "2 matching runners, all slots busy"), (stored.State, stored.PendingReason));
        Assert.Equal(eventsBefore, await store.ReadAsync(unit => unit.Events.LatestSequenceAsync(store.Ct)));
        await Assert.ThrowsAsync<ControlPlane.Core.Storage.EntityNotFoundException>(() =>
            store.WriteAsync(unit => unit.Steps.SetPendingReasonAsync(new StepId(999), null, store.Ct)));
    }

    [Fact]
    public async Task A_retry_is_due_once_the_clock_reaches_its_not_before()
    {
        await using var store = await TestStore.OpenAsync();
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));
        var notBefore = store.Time.GetUtcNow().AddSeconds(20);
        await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.ScheduleRetry, StepState.Offered, new StepTransitionDetails { NotBefore = notBefore }, store.Ct));

        store.Time.Advance(TimeSpan.FromSeconds(19));
        Assert.Empty(await store.ReadAsync(unit => unit.Steps.ListRetryDueAsync(store.Time.GetUtcNow(), 10, store.Ct)));
        store.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([step.Id], (await store.ReadAsync(unit => unit.Steps.ListRetryDueAsync(store.Time.GetUtcNow(), 10, store.Ct))).Select(s => s.Id));
    }

    [Fact]
    public async Task Offered_and_running_steps_are_counted_per_run_and_per_concurrency_key()
    {
        await using var store = await TestStore.OpenAsync();
        var expires = store.Time.GetUtcNow().AddMinutes(1);
        var (keyed, unkeyed) = await store.WriteAsync(async unit =>
        {
            var runner = await Seed.RunnerAsync(unit, store.Ct);
            var keyedRun = await Seed.RunningRunAsync(unit, store.Ct, concurrencyKey: "prod");
            var unkeyedRun = await Seed.RunningRunAsync(unit, store.Ct, workflow: "other");
            foreach (var (run, key) in new[] { (keyedRun, "a"), (keyedRun, "b"), (unkeyedRun, "c") })
            {
                var step = await Seed.ReadyStepAsync(unit, run.Id, key, store.Ct);
                await Seed.OfferAsync(unit, step.Id, runner.Id, expires, store.Ct);
            }

            await Seed.ReadyStepAsync(unit, keyedRun.Id, "still-ready", store.Ct);
            return (keyedRun, unkeyedRun);
        });

        var byRun = await store.ReadAsync(unit => unit.Steps.CountActiveByRunAsync(store.Ct));
        var byKey = await store.ReadAsync(unit => unit.Steps.CountActiveByConcurrencyKeyAsync(store.Ct));

        Assert.Equal(new Dictionary<RunId, int> { [keyed.Id] = 2, [unkeyed.Id] = 1 }, byRun);
        Assert.Equal(new Dictionary<string, int> { ["prod"] = 2 }, byKey);
    }
}
