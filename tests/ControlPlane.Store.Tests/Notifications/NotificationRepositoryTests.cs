using ControlPlane.Core.Definitions;
using ControlPlane.Core.Notifications;
using ControlPlane.Store.Tests.Support;

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
