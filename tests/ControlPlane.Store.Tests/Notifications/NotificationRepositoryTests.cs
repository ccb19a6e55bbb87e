using ControlPlane.Core.Definitions;
using ControlPlane.Core.Events;
using ControlPlane.Core.Notifications;
using ControlPlane.Store.Migrations;
using ControlPlane.Store.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Store.Tests.Notifications;

public class NotificationRepositoryTests
{
    private static readonly NotifyTarget Hook = new("https://chat.example/hook", null, NotifyEvents.Failed | NotifyEvents.Started, NotifyFormat.Slack, "HOOK_SECRET");

    [Fact]
    public async Task The_cursor_survives_a_restart_and_never_moves_back()
    {
        await using var store = await TestStore.OpenAsync();
        Assert.Equal(0, await store.ReadAsync(unit => unit.Notifications.GetCursorAsync(store.Ct)));

        await store.WriteAsync(unit => unit.Notifications.SetCursorAsync(42, store.Ct));
        await store.WriteAsync(unit => unit.Notifications.SetCursorAsync(7, store.Ct));
        await store.ReopenAsync();

        Assert.Equal(42, await store.ReadAsync(unit => unit.Notifications.GetCursorAsync(store.Ct)));
    }

    [Fact]
    public async Task Upgrading_a_store_starts_the_cursor_at_the_end_of_its_event_log_so_past_runs_are_not_notified()
    {
        using var directory = new TempDirectory("cp-store");
        var path = directory.Combine("controlplane.db");
        // A store from before the notifications migration: every migration up to it.
        var before = EmbeddedMigrations.All.TakeWhile(m => !m.Name.EndsWith("_notifications", StringComparison.Ordinal)).ToList();
        Assert.InRange(before.Count, 1, EmbeddedMigrations.All.Count - 1);
        long last;
        await using (var old = await SqliteStore.OpenAsync(path, TimeProvider.System, new SqliteStoreOptions(), before, CancellationToken.None))
        {
            await using var unit = await old.BeginAsync(CancellationToken.None);
            await unit.Events.AppendAsync(new NewEvent("workflow", "created"), CancellationToken.None);
            last = (await unit.Events.AppendAsync(new NewEvent("workflow", "created"), CancellationToken.None)).Sequence;
            await unit.CommitAsync(CancellationToken.None);
        }

        await using var upgraded = await SqliteStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
        await using var read = await upgraded.BeginReadAsync(CancellationToken.None);

        Assert.Equal(last, await read.Notifications.GetCursorAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_delivery_is_due_until_an_attempt_succeeds_and_keeps_its_target_and_every_attempt()
    {
        await using var store = await TestStore.OpenAsync();
        var now = store.Time.GetUtcNow();
        var queued = await store.WriteAsync(unit => unit.Notifications.EnqueueAsync(new NewNotificationDelivery("alert.run_failed", null, null, Hook, "{}", now), store.Ct));
        Assert.Equal(Hook, queued.Target);

        var retryAt = now.AddSeconds(2);
        await store.WriteAsync(unit => unit.Notifications.RecordAttemptAsync(
            new NotificationAttemptResult(new NotificationAttemptRecord(queued.Id, 1, now, 503, "HTTP 503", TimeSpan.FromMilliseconds(12)), DeliveryState.Pending, retryAt), store.Ct));
        Assert.Empty(await store.ReadAsync(unit => unit.Notifications.ListDueAsync(now.AddSeconds(1), 10, store.Ct)));
        Assert.Equal(retryAt, await store.ReadAsync(unit => unit.Notifications.NextDueAtAsync(store.Ct)));

        await store.WriteAsync(unit => unit.Notifications.RecordAttemptAsync(
            new NotificationAttemptResult(new NotificationAttemptRecord(queued.Id, 2, retryAt, 200, null, TimeSpan.FromMilliseconds(5)), DeliveryState.Delivered, null), store.Ct));

        var delivery = Assert.Single(await store.ReadAsync(unit => unit.Notifications.ListAsync(new NotificationDeliveryQuery(10), store.Ct)));
        Assert.Equal((DeliveryState.Delivered, 2, retryAt, (string?)null), (delivery.State, delivery.Attempts, delivery.FinishedAt!.Value, delivery.LastError));
        Assert.Empty(await store.ReadAsync(unit => unit.Notifications.ListDueAsync(retryAt.AddHours(1), 10, store.Ct)));
        var attempts = await store.ReadAsync(unit => unit.Notifications.ListAttemptsAsync([queued.Id], store.Ct));
        Assert.Equal([(1, (int?)503, "HTTP 503"), (2, 200, null)], attempts.Select(a => (a.Number, a.StatusCode, a.Error)));
    }

    [Fact]
    public async Task An_alert_fires_at_most_once_per_rule_and_subject_within_its_window()
    {
        await using var store = await TestStore.OpenAsync();
        var window = TimeSpan.FromHours(1);
        Task<bool> FireAsync(string rule, string subject) =>
            store.WriteAsync(unit => unit.Notifications.TryFireAlertAsync(rule, subject, store.Time.GetUtcNow(), window, store.Ct));

        Assert.True(await FireAsync("failing", "deploy"));
        Assert.False(await FireAsync("failing", "deploy"));
        Assert.True(await FireAsync("failing", "build"));
        Assert.True(await FireAsync("slow", "deploy"));
        store.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await FireAsync("failing", "deploy"));
        store.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await FireAsync("failing", "deploy"));
        Assert.False(await FireAsync("failing", "deploy"));
    }
}
