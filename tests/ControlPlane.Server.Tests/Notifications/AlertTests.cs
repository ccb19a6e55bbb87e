using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Server.Tests.Notifications.Support;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Notifications;

/// <summary>Alert rules from server configuration, delivered through the notification outbox at most once per window.</summary>
public class AlertTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_failed_and_success_rate_alerts_fire_once_per_window()
    {
        await using var receiver = await WebhookReceiver.StartAsync(CancellationToken.None);
        var alerts = new
        {
            Url = receiver.Url.AbsoluteUri,
            Rules = new object[]
            {
                new { Name = "deploy-failing", Kind = "RunFailed", Workflow = "deploy", Window = "01:00:00" },
                new { Name = "deploy-flaky", Kind = "SuccessRateBelow", Workflow = "deploy", Threshold = 0.8, MinRuns = 2, Window = "01:00:00" },
                new { Name = "other-failing", Kind = "RunFailed", Workflow = "other", Window = "01:00:00" },
            },
        };
        await using var harness = await NotifyHarness.StartAsync(output, alerts: alerts);
        await harness.ApplyAsync("deploy", "- url: http://127.0.0.1:9/unused", "  on: [started]");

        var first = await harness.RunAsync("deploy", exitCode: 1);
        var second = await harness.RunAsync("deploy", exitCode: 1);
        var third = await harness.RunAsync("deploy", exitCode: 0);
        // Deliveries of a run's events are queued in the same transaction as any alert its end sets off, so once the
        // third run's started notification is queued, every alert of the first two runs is too.
        await harness.WaitForDeliveriesAsync(d => d.Any(x => x.Event == "run.started"), third);
        var queued = await harness.WaitForDeliveriesAsync(d => d.Where(x => x.Event.StartsWith("alert.", StringComparison.Ordinal)).All(x => x.State == NotificationDeliveryState.Delivered));

        var alertDeliveries = queued.Where(d => d.Event.StartsWith("alert.", StringComparison.Ordinal)).OrderBy(d => d.Id).ToList();
        Assert.Equal(["alert.run_failed", "alert.success_rate_below"], alertDeliveries.Select(d => d.Event));
        Assert.Equal([first, second], alertDeliveries.Select(d => d.RunId));

        var received = await receiver.WaitForAsync(r => r.Count == 2, harness.Ct);
        var runFailed = received.Single(r => r.Event == "alert.run_failed").Json;
        Assert.Equal("deploy-failing", (string?)runFailed["alert"]!["rule"]);
        Assert.Equal("run_failed", (string?)runFailed["alert"]!["kind"]);
        Assert.Equal("deploy", (string?)runFailed["alert"]!["workflow"]);
        Assert.Equal($"run {first} of deploy failed at step build", (string?)runFailed["alert"]!["message"]);
        Assert.Equal(first, (long?)runFailed["run"]!["id"]);
        var rate = received.Single(r => r.Event == "alert.success_rate_below").Json;
        Assert.Equal("success rate of deploy is 0% (0 of 2 runs) over 1h0m, under 80%", (string?)rate["alert"]!["message"]);
    }

    [Fact]
    public async Task Duration_alert_fires_for_a_run_running_longer_than_the_multiple_of_the_median()
    {
        await using var receiver = await WebhookReceiver.StartAsync(CancellationToken.None);
        var alerts = new
        {
            Url = receiver.Url.AbsoluteUri,
            Format = "slack",
            CheckInterval = "00:00:00.1",
            Rules = new object[] { new { Name = "slow", Kind = "DurationAboveMedian", MinRuns = 2, Multiple = 3, Window = "01:00:00" } },
        };
        await using var harness = await NotifyHarness.StartAsync(output, alerts: alerts);
        await harness.ApplyAsync("deploy", "- url: http://127.0.0.1:9/unused", "  on: [started]");
        await harness.RunAsync("deploy", exitCode: 0);
        await harness.RunAsync("deploy", exitCode: 0);

        // The third run is held running until the alert arrives: it cannot finish before it is over the median.
        var slow = await harness.Server.StartAsync("deploy");
        var offer = await harness.Runner.TakeOfferAsync();
        var alert = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1, harness.Ct));
        await harness.Server.SucceedAsync(offer);

        Assert.Equal("alert.duration_above_median", alert.Event);
        Assert.Matches($"^ControlPlane alert slow: run {slow.Id} of deploy has been running for .+, over 3x the median of .+$", (string?)alert.Json["text"]);
        var deliveries = await harness.ListAsync(slow.Id);
        Assert.Single(deliveries, d => d.Event == "alert.duration_above_median");
    }
}
