using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Runs;

public class RunRepositoryTests
{
    [Fact]
    public async Task A_created_run_reads_back_queued_with_everything_it_was_given()
    {
        await using var store = await TestStore.OpenAsync();
        var revision = await store.WriteAsync(unit => unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("deploy", "deploy.yaml", "x", "sha256:deploy"), store.Ct));
        var created = await store.WriteAsync(unit => unit.Runs.CreateAsync(
            new NewRun(revision.WorkflowId, revision.Id, """{"env":"prod"}""", "submit-1", "deploy-prod", 5, TimeSpan.FromMinutes(30)), store.Ct));

        await store.ReopenAsync();
        var run = await store.ReadAsync(unit => unit.Runs.GetAsync(created.Id, store.Ct));

        var expected = new RunRecord(
            created.Id, revision.WorkflowId, revision.Id, RunState.Queued, """{"env":"prod"}""", "submit-1", "deploy-prod", 5, 1,
            TimeSpan.FromMinutes(30), null, store.Time.GetUtcNow(), null, null);
        Assert.Equal(expected, run);
    }

    [Fact]
    public async Task Creating_a_run_writes_its_created_event()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var events = await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 10, store.Ct));

        var created = Assert.Single(events);
        Assert.Equal(("run", "created", null, "queued"), (created.Entity, created.Kind, created.FromState, created.ToState));
    }

    [Fact]
    public async Task An_unknown_run_is_not_found_by_name()
    {
        await using var store = await TestStore.OpenAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => store.ReadAsync(unit => unit.Runs.GetAsync(new RunId(42), store.Ct)));

        Assert.Equal("There is no run 42.", error.Message);
    }

    [Fact]
    public async Task Starting_a_run_stamps_its_start_and_deadline()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, timeout: TimeSpan.FromMinutes(10)));
        store.Time.Advance(TimeSpan.FromSeconds(3));

        var started = await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, store.Ct));

        Assert.Equal(RunState.Running, started.State);
        Assert.Equal(store.Time.GetUtcNow(), started.StartedAt);
        Assert.Equal(store.Time.GetUtcNow() + TimeSpan.FromMinutes(10), started.DeadlineAt);
    }

    [Fact]
    public async Task Finishing_stamps_the_finish_and_retry_queues_the_next_run_attempt_whose_start_sets_a_new_deadline()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, timeout: TimeSpan.FromMinutes(10)));
        var failed = await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Fail, RunState.Running, null, store.Ct));
        Assert.Equal(store.Time.GetUtcNow(), failed.FinishedAt);
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var retried = await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Retry, RunState.Failed, null, store.Ct));
        Assert.Equal((RunState.Queued, 2, null, null), (retried.State, retried.RunAttempt, retried.FinishedAt, retried.DeadlineAt));
        store.Time.Advance(TimeSpan.FromMinutes(1));
        var restarted = await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, store.Ct));

        Assert.Equal((2, store.Time.GetUtcNow(), store.Time.GetUtcNow() + TimeSpan.FromMinutes(10)), (restarted.RunAttempt, restarted.StartedAt!.Value, restarted.DeadlineAt!.Value));
    }

    [Fact]
    public async Task A_transition_writes_an_event_with_both_states_and_the_trigger()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.RequestCancel, RunState.Running, """{"by":"alice"}""", store.Ct));

        var last = (await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 10, store.Ct)))[^1];

        Assert.Equal(("run", "request_cancel", "running", "cancelling", """{"by":"alice"}"""), (last.Entity, last.Kind, last.FromState, last.ToState, last.DataJson));
        Assert.Equal(run.Id, last.RunId);
    }

    [Fact]
    public async Task An_illegal_trigger_throws_before_anything_is_written()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var error = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.CancelComplete, RunState.Queued, null, store.Ct)));

        Assert.Equal(("run", "queued", "cancel_complete"), (error.Entity, error.From, error.Trigger));
        Assert.Equal(RunState.Queued, (await store.ReadAsync(unit => unit.Runs.GetAsync(run.Id, store.Ct))).State);
    }

    [Fact]
    public async Task A_stale_expected_state_is_a_conflict_and_changes_nothing()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));

        var error = await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, store.Ct)));

        Assert.Equal(("run", "queued", "running"), (error.Entity, error.Expected, error.Actual));
        Assert.Equal(2, (await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 10, store.Ct))).Count);
    }

    [Fact]
    public async Task Runs_past_their_deadline_are_listed_once_the_clock_passes_it()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, timeout: TimeSpan.FromMinutes(5)));
        await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "no-timeout"));

        Assert.Empty(await store.ReadAsync(unit => unit.Runs.ListPastDeadlineAsync(store.Time.GetUtcNow() + TimeSpan.FromMinutes(4), store.Ct)));
        var late = await store.ReadAsync(unit => unit.Runs.ListPastDeadlineAsync(store.Time.GetUtcNow() + TimeSpan.FromMinutes(5), store.Ct));

        Assert.Equal([run.Id], late.Select(r => r.Id));
    }

    [Fact]
    public async Task Queued_runs_are_listed_by_priority_then_age()
    {
        await using var store = await TestStore.OpenAsync();
        var low = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, priority: 0));
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var high = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, priority: 9));
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var lowLater = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, priority: 0));

        var queued = await store.ReadAsync(unit => unit.Runs.ListQueuedAsync(10, store.Ct));

        Assert.Equal([high.Id, low.Id, lowLater.Id], queued.Select(r => r.Id));
    }

    [Fact]
    public async Task Active_runs_are_counted_per_concurrency_key()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(async unit =>
        {
            await Seed.RunningRunAsync(unit, store.Ct, concurrencyKey: "deploy-prod");
            await Seed.RunningRunAsync(unit, store.Ct, concurrencyKey: "deploy-prod");
            await Seed.RunAsync(unit, store.Ct, concurrencyKey: "deploy-prod");
            await Seed.RunningRunAsync(unit, store.Ct);
        });

        var counts = await store.ReadAsync(unit => unit.Runs.CountActiveByConcurrencyKeyAsync(store.Ct));

        Assert.Equal(new Dictionary<string, int> { ["deploy-prod"] = 2 }, counts);
    }
}
