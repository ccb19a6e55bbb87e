using System.Diagnostics.Metrics;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Metrics;
using ControlPlane.Server.Notifications;
using ControlPlane.Server.Runners;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Server.Tests.Metrics.Support;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Metrics;

public sealed class MetricsEndpointTests(ITestOutputHelper output)
{
    private const string GpuOnly = """
        name: gpu
        steps:
          - id: train
            runs_on: [gpu]
            run: train
        """;

    [Fact]
    public async Task Metrics_after_two_runs_count_what_happened_and_every_line_parses_strictly()
    {
        await using var server = await ApiServer.StartAsync(output, "--http-listen", "http://127.0.0.1:0");
        await server.ApplyAsync(Samples.Ci);
        await server.ApplyAsync(GpuOnly, "gpu.yaml");
        var runner = await InProcessRunner.ConnectAsync(server, "metrics-runner");
        var runnerId = server.Services.GetRequiredService<RunnerRegistry>().Snapshot().Single().RunnerId;
        var handler = server.Services.GetRequiredService<AgentMessageHandler>();

        // Run 1: build succeeds with 11 log bytes (one resent in part, which must not count twice), test fails.
        var first = await server.StartAsync("ci");
        var build = await runner.TakeOfferAsync();
        await handler.HandleLogChunksAsync(runnerId, [Chunk(build, 0, "hello ")], server.Ct);
        await handler.HandleLogChunksAsync(runnerId, [Chunk(build, 3, "lo world")], server.Ct);
        await server.SucceedAsync(build);
        await server.FailAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(first.Id, r => r.Run.State == RunState.Failed);

        // Run 2: both steps succeed.
        var second = await server.StartAsync("ci");
        await server.SucceedAsync(await runner.TakeOfferAsync());
        await server.SucceedAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(second.Id, r => r.Run.State == RunState.Succeeded);

        // Run 3 waits for a gpu runner nobody has: one ready step.
        var third = await server.StartAsync("gpu");
        await server.WaitForRunAsync(third.Id, r => r.Steps.Single().State == StepState.Ready);

        var families = await MetricsScraper.ScrapeUntilAsync(server, f =>
            f.TryGetValue("controlplane_runs_finished_total", out var finished) && finished.Value(("state", "succeeded")) == 1
            && f["controlplane_queue_depth"].Value() == 1);

        Assert.Equal("counter", families["controlplane_runs_started_total"].Type);
        Assert.Equal(3, families["controlplane_runs_started_total"].Value());
        Assert.Equal((1d, 1d, 0d), (families["controlplane_runs_finished_total"].Value(("state", "succeeded")), families["controlplane_runs_finished_total"].Value(("state", "failed")), families["controlplane_runs_finished_total"].Value(("state", "cancelled"))));
        Assert.Equal((3d, 1d), (families["controlplane_steps_finished_total"].Value(("state", "succeeded")), families["controlplane_steps_finished_total"].Value(("state", "failed"))));
        Assert.Equal("gauge", families["controlplane_runs"].Type);
        Assert.Equal((1d, 1d, 1d, 0d), (families["controlplane_runs"].Value(("state", "succeeded")), families["controlplane_runs"].Value(("state", "failed")), families["controlplane_runs"].Value(("state", "running")), families["controlplane_runs"].Value(("state", "queued"))));
        Assert.Equal(1, families["controlplane_steps"].Value(("state", "ready")));
        Assert.True(families["controlplane_queue_oldest_age_seconds"].Value() >= 0);
        Assert.Equal((1d, 1d), (families["controlplane_runners_connected"].Value(), families["controlplane_runners_free_slots"].Value()));
        Assert.Equal(11, families["controlplane_log_ingested_bytes_total"].Value());

        var latency = families["controlplane_dispatch_latency_seconds"];
        Assert.Equal("histogram", latency.Type);
        Assert.Equal(4, latency.Samples.Single(s => s.Name == "controlplane_dispatch_latency_seconds_count").Value);
        Assert.Equal(4, latency.Samples.Single(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels["le"] == "+Inf").Value);
    }

    [Fact]
    public async Task Metrics_answer_over_HTTP_2_on_the_gRPC_port_and_over_HTTP_1_1_on_the_HTTP_listener_in_format_0_0_4()
    {
        await using var server = await ApiServer.StartAsync(output, "--http-listen", "http://127.0.0.1:0");

        var overHttp1 = await MetricsScraper.ScrapeAsync(server);
        var overHttp2 = await MetricsScraper.ScrapeAsync(server, overGrpcPort: true);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", overHttp1.ContentType);
        Assert.Contains("controlplane_queue_depth", PrometheusText.Parse(overHttp1.Body).Keys);
        Assert.Contains("controlplane_queue_depth", PrometheusText.Parse(overHttp2.Body).Keys);
    }

    [Fact]
    public async Task Every_ControlPlane_meter_of_the_server_is_exported_with_escaped_labels_and_other_meters_are_not()
    {
        await using var server = await ApiServer.StartAsync(output, "--http-listen", "http://127.0.0.1:0");
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        var failures = meters.Create("ControlPlane.Server.Notifications").CreateCounter<long>("controlplane.notifications.failures", "{notification}", "Notifications that could not be delivered");
        var foreign = meters.Create("Other.Library").CreateCounter<long>("other.requests");
        const string Awkward = "slack \"ops\\team\"\nsecond line";
        failures.Add(2, new KeyValuePair<string, object?>("channel", Awkward));
        foreign.Add(5);
        var notifications = server.Services.GetRequiredService<NotificationMetrics>();
        notifications.Delivered("run_failed");
        notifications.Failed("run_failed");
        notifications.GaveUp("run_failed");

        var families = PrometheusText.Parse((await MetricsScraper.ScrapeAsync(server)).Body);

        Assert.Equal(2, families["controlplane_notifications_failures_total"].Value(("channel", Awkward)));
        Assert.Equal(
            (1d, 1d, 1d),
            (families["controlplane_notification_deliveries_total"].Value(("event", "run_failed")), families["controlplane_notification_failures_total"].Value(("event", "run_failed")), families["controlplane_notification_dead_total"].Value(("event", "run_failed"))));
        Assert.DoesNotContain(families.Keys, name => name.StartsWith("other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_servers_in_one_process_each_export_only_their_own_measurements()
    {
        await using var first = await ApiServer.StartAsync(output, "--http-listen", "http://127.0.0.1:0");
        await using var second = await ApiServer.StartAsync(output, "--http-listen", "http://127.0.0.1:0");
        first.Services.GetRequiredService<ServerMetrics>().LogBytesIngested(7);
        second.Services.GetRequiredService<ServerMetrics>().LogBytesIngested(5);

        var ofFirst = PrometheusText.Parse((await MetricsScraper.ScrapeAsync(first)).Body);
        var ofSecond = PrometheusText.Parse((await MetricsScraper.ScrapeAsync(second)).Body);

        Assert.Equal(7, ofFirst["controlplane_log_ingested_bytes_total"].Value());
        Assert.Equal(5, ofSecond["controlplane_log_ingested_bytes_total"].Value());
    }

    private static LogChunk Chunk(OfferCommand offer, long offset, string text) => new()
    {
        AttemptId = offer.AttemptId.Value,
        LeaseEpoch = offer.Epoch,
        Offset = offset,
        Stream = LogStream.Stdout,
        Data = ByteString.CopyFromUtf8(text),
    };
}
