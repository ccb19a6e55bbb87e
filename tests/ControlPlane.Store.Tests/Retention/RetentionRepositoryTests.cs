using ControlPlane.Core.Definitions;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Runs;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Retention;

public class RetentionRepositoryTests
{
    [Fact]
    public async Task Only_finished_runs_that_finished_before_the_cutoff_are_found_oldest_first()
    {
        await using var store = await TestStore.OpenAsync();
        var first = await FinishedRunAsync(store, RunTrigger.Fail);
        store.Time.Advance(TimeSpan.FromHours(1));
        var second = await FinishedRunAsync(store, RunTrigger.Succeed);
        var running = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        var queued = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));
        store.Time.Advance(TimeSpan.FromHours(1));
        var recent = await FinishedRunAsync(store, RunTrigger.Succeed);
        await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var found = await store.ReadAsync(unit => unit.Retention.FindFinishedBeforeAsync(store.Time.GetUtcNow() - TimeSpan.FromMinutes(30), 10, store.Ct));

        Assert.Equal([first, second], found);
        Assert.DoesNotContain(running.Id, found);
        Assert.DoesNotContain(queued.Id, found);
        Assert.DoesNotContain(recent, found);
    }

    [Fact]
    public async Task The_run_with_the_largest_id_is_kept_however_old_so_that_ids_are_never_handed_out_again()
    {
        await using var store = await TestStore.OpenAsync();
        var older = await FinishedRunAsync(store, RunTrigger.Succeed);
        var newest = await FinishedRunAsync(store, RunTrigger.Succeed);
        store.Time.Advance(TimeSpan.FromDays(1));

        var found = await store.ReadAsync(unit => unit.Retention.FindFinishedBeforeAsync(store.Time.GetUtcNow(), 10, store.Ct));
        var purged = await store.WriteAsync(unit => unit.Retention.DeleteRunsAsync([older, newest], store.Ct));
        var next = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        Assert.Equal([older], found);
        Assert.Equal(1L, purged.Runs);
        Assert.True(next.Id.Value > newest.Value, $"run id {next.Id} was handed out again");
    }

    [Fact]
    public async Task Deleting_skips_a_run_that_is_not_finished_and_removes_everything_of_the_others()
    {
        await using var store = await TestStore.OpenAsync();
        var finished = await FinishedRunAsync(store, RunTrigger.Succeed, idempotencyKey: "k-1");
        var running = await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct));
        await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var purged = await store.WriteAsync(unit => unit.Retention.DeleteRunsAsync([finished, running.Id], store.Ct));

        Assert.Equal((1L, 1L), (purged.Runs, purged.IdempotencyKeys));
        Assert.True(purged.Events >= 3, $"created, started and finished events, not {purged.Events}");
        Assert.Equal(RunState.Running, (await store.ReadAsync(unit => unit.Runs.GetAsync(running.Id, store.Ct))).State);
        await Assert.ThrowsAsync<Core.Storage.EntityNotFoundException>(() => store.ReadAsync(unit => unit.Runs.GetAsync(finished, store.Ct)));
        Assert.Null(await store.ReadAsync(unit => unit.IdempotencyKeys.FindRunAsync("k-1", store.Ct)));
    }

    [Fact]
    public async Task Deleting_a_run_removes_its_notification_deliveries_and_their_attempts_and_keeps_others()
    {
        await using var store = await TestStore.OpenAsync();
        var hook = new NotifyTarget("https://chat.example/hook", null, NotifyEvents.Failed, NotifyFormat.Json, null);
        var finished = await FinishedRunAsync(store, RunTrigger.Fail);
        var kept = await FinishedRunAsync(store, RunTrigger.Fail);
        var now = store.Time.GetUtcNow();
        var delivery = await store.WriteAsync(unit => unit.Notifications.EnqueueAsync(new NewNotificationDelivery("run.failed", null, finished, hook, "{}", now), store.Ct));
        await store.WriteAsync(unit => unit.Notifications.RecordAttemptAsync(
            new NotificationAttemptResult(new NotificationAttemptRecord(delivery.Id, 1, now, 200, null, TimeSpan.FromMilliseconds(3)), DeliveryState.Delivered, null), store.Ct));
        await store.WriteAsync(unit => unit.Notifications.EnqueueAsync(new NewNotificationDelivery("run.failed", null, kept, hook, "{}", now), store.Ct));

        var purged = await store.WriteAsync(unit => unit.Retention.DeleteRunsAsync([finished], store.Ct));

        Assert.Equal(1L, purged.Runs);
        var left = await store.ReadAsync(unit => unit.Notifications.ListAsync(new NotificationDeliveryQuery(10), store.Ct));
        Assert.Equal([kept], left.Select(d => d.RunId));
    }

    [Fact]
    public async Task Statistics_count_runs_by_state_and_list_the_runs_of_a_window()
    {
        await using var store = await TestStore.OpenAsync();
        await FinishedRunAsync(store, RunTrigger.Fail);
        store.Time.Advance(TimeSpan.FromDays(2));
        var since = store.Time.GetUtcNow();
        await FinishedRunAsync(store, RunTrigger.Succeed);
        await store.WriteAsync(unit => Seed.RunningRunAsync(unit, store.Ct, workflow: "deploy"));

        var byState = await store.ReadAsync(unit => unit.Statistics.CountRunsByStateAsync(store.Ct));
        var window = await store.ReadAsync(unit => unit.Statistics.ListRunSamplesAsync(null, since, store.Ct));
        var builds = await store.ReadAsync(unit => unit.Statistics.ListRunSamplesAsync("build", since, store.Ct));

        Assert.Equal((1L, 1L, 1L), (byState[RunState.Failed], byState[RunState.Succeeded], byState[RunState.Running]));
        Assert.Equal([RunState.Succeeded, RunState.Running], window.Select(r => r.State));
        Assert.Equal([RunState.Succeeded], builds.Select(r => r.State));
    }

    private static Task<RunId> FinishedRunAsync(TestStore store, RunTrigger end, string? idempotencyKey = null) =>
        store.WriteAsync(async unit =>
        {
            var run = await Seed.RunAsync(unit, store.Ct, idempotencyKey: idempotencyKey);
            await unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, store.Ct);
            await unit.Runs.TransitionAsync(run.Id, end, RunState.Running, null, store.Ct);
            return run.Id;
        });
}
