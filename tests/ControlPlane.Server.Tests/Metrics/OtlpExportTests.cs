using System.Collections.Concurrent;
using ControlPlane.Server.Metrics;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Server.Tests.Metrics.Support;
using ControlPlane.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Metrics;

public sealed class OtlpExportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_an_OTLP_endpoint_the_same_meters_that_metrics_shows_are_posted_as_protobuf_to_v1_metrics()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        await using var collector = await StartCollectorAsync(received);
        using var directory = new TempDirectory("cp-otlp");
        var config = directory.Combine("config.json");
        await File.WriteAllTextAsync(config, """{"Metrics": {"OtlpInterval": "00:00:00.200"}}""");

        await using var server = await ApiServer.StartAsync(output, "--otlp-endpoint", collector.Urls.Single(), "--config", config, "--http-listen", "http://127.0.0.1:0");
        var metrics = server.Services.GetRequiredService<ServerMetrics>();
        metrics.LogBytesIngested(7);
        metrics.AttemptStarted(TimeSpan.FromMilliseconds(200));

        (string Path, string? ContentType, IReadOnlyList<OtlpMetric> Metrics) export;
        while (true)
        {
            var found = received.Select(r => (r.Path, r.ContentType, Metrics: OtlpMetricsRequest.Parse(r.Body)))
                .FirstOrDefault(r => r.Metrics.Any(m => m.Name == "controlplane.log.ingested" && m.Points.Any(p => p.Value == 7)));
            if (found.Metrics is not null)
            {
                export = found;
                break;
            }

            await Task.Delay(100, server.Ct);
        }

        Assert.Equal("/v1/metrics", export.Path);
        Assert.Equal("application/x-protobuf", export.ContentType);
        var logBytes = export.Metrics.Single(m => m.Name == "controlplane.log.ingested");
        Assert.Equal(("ControlPlane.Server", "By", "sum", true), (logBytes.Scope, logBytes.Unit, logBytes.Kind, logBytes.Monotonic));
        var latency = export.Metrics.Single(m => m.Name == "controlplane.dispatch.latency");
        Assert.Equal(("s", "histogram", 1L, 0.2), (latency.Unit, latency.Kind, latency.Points.Single().Count, latency.Points.Single().Value));
        var queue = export.Metrics.Single(m => m.Name == "controlplane.queue.depth");
        Assert.Equal(("gauge", 0d), (queue.Kind, queue.Points.Single().Value));
        var runs = export.Metrics.Single(m => m.Name == "controlplane.runs");
        Assert.Contains(runs.Points, p => p.Attributes.TryGetValue("state", out var state) && state == "succeeded");

        // One meter provider: the scrape shows the same measurements.
        var scraped = PrometheusText.Parse((await MetricsScraper.ScrapeAsync(server)).Body);
        Assert.Equal(7, scraped["controlplane_log_ingested_bytes_total"].Value());
        Assert.Equal(1, scraped["controlplane_dispatch_latency_seconds"].Samples.Single(s => s.Name == "controlplane_dispatch_latency_seconds_count").Value);
    }

    /// <summary>A stand-in OTLP/HTTP collector: Kestrel on port 0 that records every request and answers 200.</summary>
    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            received.Enqueue((context.Request.Path, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        return app;
    }
}
