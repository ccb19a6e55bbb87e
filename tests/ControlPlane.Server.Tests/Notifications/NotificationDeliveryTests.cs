using ControlPlane.Contracts.V1;
using ControlPlane.Server.Notifications;
using ControlPlane.Server.Tests.Notifications.Support;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Notifications;

/// <summary>Notifications from real runs to a real local HTTP endpoint, through the outbox and the delivery loop.</summary>
public class NotificationDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Failing_endpoint_is_retried_until_it_recovers_and_delivered_exactly_once_with_every_attempt_listed()
    {
        await using var harness = await NotifyHarness.StartAsync(output);
        await using var receiver = await WebhookReceiver.StartAsync(harness.Ct);
        receiver.Respond = (call, _) => Task.FromResult(call < 3 ? 500 : 200);
        await harness.ApplyAsync("deploy", $"- url: {receiver.Url}", "  on: [failed]");

        var runId = await harness.RunAsync("deploy", exitCode: 2);
        var deliveries = await harness.WaitForDeliveriesAsync(d => d.Any(x => x.State == NotificationDeliveryState.Delivered), runId);

        var delivery = Assert.Single(deliveries);
        Assert.Equal("run.failed", delivery.Event);
        Assert.Equal(receiver.Url.AbsoluteUri, delivery.Endpoint);
        Assert.Equal([500, 500, 500, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Equal([1, 2, 3, 4], delivery.Attempts.Select(a => a.Number));
        Assert.Equal("HTTP 500", delivery.Attempts[0].Error);
        Assert.Equal("", delivery.Attempts[3].Error);
        Assert.Equal(4, delivery.AttemptCount);

        var accepted = Assert.Single(receiver.Accepted);
        Assert.Equal(4, receiver.Received.Count);
        var payload = accepted.Json;
        Assert.Equal($"run-{runId}", (string?)payload["id"]);
        Assert.Equal("run.failed", (string?)payload["event"]);
        Assert.Equal(runId, (long?)payload["run"]!["id"]);
        Assert.Equal("deploy", (string?)payload["run"]!["workflow"]);
        Assert.Equal("failed", (string?)payload["run"]!["state"]);
        Assert.Equal(1, (int?)payload["run"]!["run_attempt"]);
        Assert.NotNull(payload["run"]!["duration_seconds"]);
        Assert.Equal("build", (string?)payload["failing_step"]!["id"]);
        Assert.Equal(2, (int?)payload["failing_step"]!["exit_code"]);
        Assert.Equal("exit_code", (string?)payload["failing_step"]!["failure_class"]);
        Assert.NotNull(payload["sent_at"]);
        Assert.Equal("run.failed", accepted.Event);
        Assert.Equal(delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted.Headers["X-ControlPlane-Delivery"]);
        output.WriteLine("Payload received by the local endpoint: " + accepted.Body);
    }

    [Fact]
    public async Task Circuit_opens_after_the_threshold_makes_no_calls_while_open_and_a_half_open_probe_closes_it()
    {
        var breakDuration = TimeSpan.FromSeconds(2);
        await using var harness = await NotifyHarness.StartAsync(output, new()
        {
            ["BreakerFailureRatio"] = 1.0,
            ["BreakerMinimumThroughput"] = 3,
            ["BreakerSamplingDuration"] = "00:01:00",
            ["BreakDuration"] = "00:00:02",
        });
        await using var receiver = await WebhookReceiver.StartAsync(harness.Ct);
        // Three failures in the sampling window open the circuit; the endpoint has recovered by the next call.
        receiver.Respond = (call, _) => Task.FromResult(call < 3 ? 503 : 200);
        await harness.ApplyAsync("deploy", $"- url: {receiver.Url}", "  on: [failed]");

        var first = await harness.RunAsync("deploy", exitCode: 1);
        var deliveries = await harness.WaitForDeliveriesAsync(d => d.Any(x => x.State == NotificationDeliveryState.Delivered), first);

        var delivery = Assert.Single(deliveries);
        Assert.Equal([503, 503, 503, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Equal(4, receiver.Received.Count);
        // With a 100ms backoff base, the fourth call would have come within about half a second; the open circuit
        // held it until the break was over, and the deferral cost no attempt.
        var third = delivery.Attempts[2].At.ToDateTimeOffset() + delivery.Attempts[2].Duration.ToTimeSpan();
        Assert.True(delivery.Attempts[3].At.ToDateTimeOffset() - third >= breakDuration - TimeSpan.FromMilliseconds(50), $"probe at {delivery.Attempts[3].At}, third failure ended {third:O}");

        // The probe succeeded, so the circuit is closed: the next notification goes through on its first attempt.
        var second = await harness.RunAsync("deploy", exitCode: 1);
        var next = Assert.Single(await harness.WaitForDeliveriesAsync(d => d.Any(x => x.State == NotificationDeliveryState.Delivered), second));
        Assert.Equal([200], next.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task A_hung_endpoint_delays_neither_the_run_nor_another_endpoints_delivery()
    {
        await using var harness = await NotifyHarness.StartAsync(output);
        await using var hung = await WebhookReceiver.StartAsync(harness.Ct);
        await using var good = await WebhookReceiver.StartAsync(harness.Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hungCalls = 0;
        hung.Respond = async (_, ct) =>
        {
            Interlocked.Increment(ref hungCalls);
            await release.Task.WaitAsync(ct);
            return 200;
        };
        await harness.ApplyAsync("deploy", $"- url: {hung.Url}", "  on: [started, failed]", $"- url: {good.Url}", "  on: [started, failed]");

        try
        {
            var runId = await harness.RunAsync("deploy", exitCode: 1);
            var received = await good.WaitForAsync(r => r.Count == 2, harness.Ct);

            // The hung endpoint still holds its first request open, yet the run finished and the other endpoint got both.
            Assert.Equal(1, Volatile.Read(ref hungCalls));
            Assert.Equal(["run.started", "run.failed"], received.Select(r => r.Event));
            var deliveries = await harness.ListAsync(runId);
            Assert.Equal(2, deliveries.Count(d => d.Endpoint == hung.Url.AbsoluteUri && d.State == NotificationDeliveryState.Pending));
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task The_feeder_resumes_after_a_restart_without_sending_anything_twice()
    {
        await using var harness = await NotifyHarness.StartAsync(output);
        await using var receiver = await WebhookReceiver.StartAsync(harness.Ct);
        await harness.ApplyAsync("deploy", $"- url: {receiver.Url}", "  on: [started, succeeded, failed]");

        var first = await harness.RunAsync("deploy", exitCode: 0);
        await receiver.WaitForAsync(r => r.Count == 2, harness.Ct);
        await harness.RestartAsync();
        var second = await harness.RunAsync("deploy", exitCode: 3);
        await receiver.WaitForAsync(r => r.Count >= 4, harness.Ct);
        await harness.WaitForDeliveriesAsync(d => d.Count == 4 && d.All(x => x.State == NotificationDeliveryState.Delivered));

        Assert.Equal(
            [(first, "run.started"), (first, "run.succeeded"), (second, "run.started"), (second, "run.failed")],
            receiver.Received.Select(r => ((long)r.Json["run"]!["id"]!, r.Event)));
    }

    [Fact]
    public async Task Slack_format_sends_one_line_of_text_and_a_secret_signs_the_body()
    {
        var secretEnv = "CP_TEST_NOTIFY_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(secretEnv, "s3cret");
        await using var harness = await NotifyHarness.StartAsync(output);
        await using var receiver = await WebhookReceiver.StartAsync(harness.Ct);
        await harness.ApplyAsync("deploy", $"- url: {receiver.Url}", "  format: slack", $"  secret_env: {secretEnv}");

        var runId = await harness.RunAsync("deploy", exitCode: 2);
        var received = Assert.Single(await receiver.WaitForAsync(r => r.Count == 1, harness.Ct));

        var text = (string?)received.Json["text"];
        Assert.Matches($"^ControlPlane: run {runId} of deploy failed at step build \\(exit 2\\) after \\d+(ms|s)$", text);
        Assert.Equal(WebhookPoster.Sign(received.Body, "s3cret"u8.ToArray()), received.Headers[WebhookPoster.SignatureHeader]);
        Assert.StartsWith("sha256=", received.Headers[WebhookPoster.SignatureHeader]);
    }
}
