using System.Collections.Concurrent;
using System.Text;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Metrics;

public sealed class OtlpExportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_an_OTLP_endpoint_the_server_posts_its_meters_as_protobuf_to_v1_metrics()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        await using var collector = await StartCollectorAsync(received);
        using var directory = new TempDirectory("cp-otlp");
        var config = directory.Combine("config.json");
        await File.WriteAllTextAsync(config, """{"Metrics": {"OtlpInterval": "00:00:00.200"}}""");

        await using (var server = await ApiServer.StartAsync(output, "--otlp-endpoint", collector.Urls.Single(), "--config", config))
        {
            while (!received.Any(r => Encoding.UTF8.GetString(r.Body).Contains("controlplane.queue.depth", StringComparison.Ordinal)))
            {
                await Task.Delay(100, server.Ct);
            }
        }

        var export = received.First(r => Encoding.UTF8.GetString(r.Body).Contains("controlplane.queue.depth", StringComparison.Ordinal));
        Assert.Equal("/v1/metrics", export.Path);
        Assert.Equal("application/x-protobuf", export.ContentType);
        Assert.Contains("ControlPlane.Server", Encoding.UTF8.GetString(export.Body), StringComparison.Ordinal);
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
