using ControlPlane.Core.Events;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Events;

public class EventLogTests
{
    [Fact]
    public async Task Events_read_back_in_order_with_a_sequence_that_keeps_growing_across_restarts()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));
        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, store.Ct));
        var beforeRestart = await store.ReadAsync(unit => unit.Events.LatestSequenceAsync(store.Ct));

        await store.ReopenAsync();
        store.Time.Advance(TimeSpan.FromSeconds(1));
        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Succeed, RunState.Running, null, store.Ct));

        var events = await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 100, store.Ct));
        Assert.Equal(["created", "start", "succeed"], events.Select(e => e.Kind));
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.True(events[^1].Sequence > beforeRestart);
        Assert.Equal(store.Time.GetUtcNow(), events[^1].At);
    }

    [Fact]
    public async Task A_reader_resumes_after_the_last_sequence_it_saw()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        var seen = (await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, 0, 1, store.Ct))).Single();

        var rest = await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(run.Id, seen.Sequence, 100, store.Ct));

        Assert.Equal(["start"], rest.Select(e => e.Kind));
    }

    [Fact]
    public async Task The_run_lifecycle_holds_only_the_runs_own_creation_and_transitions_across_a_retry()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        var step = (await store.WriteAsync(unit => Seed.StepsAsync(unit, run.Id, store.Ct, "build")))[0];
        await store.WriteAsync(unit => unit.Steps.TransitionAsync(step.Id, StepTrigger.Skip, StepState.Pending, null, store.Ct));
        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Fail, RunState.Running, null, store.Ct));
        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Retry, RunState.Failed, null, store.Ct));
        await store.WriteAsync(unit => unit.Events.AppendAsync(new NewEvent("run", "note", run.Id), store.Ct));

        var lifecycle = await store.ReadAsync(unit => unit.Events.ReadRunLifecycleAsync(run.Id, store.Ct));

        Assert.Equal(
            [("created", "queued"), ("start", "running"), ("fail", "failed"), ("retry", "queued")],
            lifecycle.Select(e => (e.Kind, e.ToState!)));
        Assert.Equal(lifecycle.Select(e => e.Sequence).Order(), lifecycle.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Events_of_other_runs_are_not_mixed_in()
    {
        await using var store = await TestStore.OpenAsync();
        var first = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var events = await store.ReadAsync(unit => unit.Events.ReadRunAfterAsync(first.Id, 0, 100, store.Ct));

        Assert.All(events, e => Assert.Equal(first.Id, e.RunId));
    }

    [Fact]
    public async Task Other_events_are_appended_with_their_references_and_data()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var appended = await store.WriteAsync(unit => unit.Events.AppendAsync(new NewEvent("run", "note", RunId: run.Id, DataJson: """{"text":"hi"}"""), store.Ct));

        Assert.Equal(appended, (await store.ReadAsync(unit => unit.Events.ReadAfterAsync(appended.Sequence - 1, 10, store.Ct))).Single());
        Assert.Equal(("run", "note", run.Id, """{"text":"hi"}"""), (appended.Entity, appended.Kind, appended.RunId!.Value, appended.DataJson));
    }

    [Fact]
    public async Task An_empty_log_has_latest_sequence_zero()
    {
        await using var store = await TestStore.OpenAsync();

        Assert.Equal(0, await store.ReadAsync(unit => unit.Events.LatestSequenceAsync(store.Ct)));
    }
}
