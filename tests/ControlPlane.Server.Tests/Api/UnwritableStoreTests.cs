using ControlPlane.Contracts.V1;
using ControlPlane.Server.Health;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ControlPlane.Server.Tests.Api;

/// <summary>A data directory on a small tmpfs that fills up while the server runs, then gets room again.</summary>
public sealed class UnwritableStoreTests(ITestOutputHelper output)
{
    private static readonly string[] Causes = ["database or disk is full", "disk I/O error"];

    [Fact]
    public async Task A_full_disk_makes_calls_UNAVAILABLE_and_the_server_NOT_SERVING_with_the_cause_until_there_is_room_again()
    {
        using var disk = Tmpfs.TryMount("2m", out var refused);
        if (disk is null)
        {
            output.WriteLine($"SKIPPED: mounting a tmpfs is not permitted here ({refused})");
            return;
        }

        await using var server = await ApiServer.StartAsync(output, "--data-dir", disk.Path, "--http-listen", "http://127.0.0.1:0");
        var kept = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "kept.yaml", Source = Workflow("kept") });

        disk.Fill();
        var refusal = await Assert.ThrowsAsync<RpcException>(() =>
            server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "refused.yaml", Source = Workflow("refused") }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, refusal.StatusCode);
        var cause = refusal.Status.Detail["the database cannot be written: ".Length..];
        Assert.StartsWith("the database cannot be written: ", refusal.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(cause, Causes);
        var (status, reason) = await CheckHealthAsync(server);
        Assert.Equal(ServingStatus.NotServing, status);
        Assert.Equal(refusal.Status.Detail, reason);
        var (code, body) = await HealthzAsync(server);
        Assert.Equal(503, code);
        Assert.Equal(refusal.Status.Detail + "\n", body);
        var stored = await server.Workflows.GetWorkflowAsync(new GetWorkflowRequest { Name = "kept" });
        Assert.Equal(kept.Revision.Id, stored.Revision.Id);

        disk.Free();
        await WaitForServingAsync(server);

        Assert.Equal((200, "ok\n"), await HealthzAsync(server));
        var after = await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "after.yaml", Source = Workflow("after") });
        Assert.True(after.Created);
        Assert.Contains("the scheduler stops deciding until the database can be written", server.Logs, StringComparison.Ordinal);
        Assert.Contains("The database can be written again", server.Logs, StringComparison.Ordinal);
    }

    private static string Workflow(string name) => $"name: {name}\nsteps:\n  - id: build\n    run: make build\n";

    private static async Task<(ServingStatus Status, string? Reason)> CheckHealthAsync(ApiServer server)
    {
        var call = new global::Grpc.Health.V1.Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: server.Ct);
        var response = await call.ResponseAsync;
        return (response.Status, call.GetTrailers().GetValue(HealthReason.Trailer));
    }

    private static async Task<(int Code, string Body)> HealthzAsync(ApiServer server)
    {
        using var http = new HttpClient();
        var address = server.Services.GetRequiredService<BoundListeners>().HttpAddresses[0];
        using var response = await http.GetAsync(new Uri(new Uri(address), "/healthz"), server.Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(server.Ct));
    }

    /// <summary>The dispatch loop probes the database every second while it cannot be written.</summary>
    private static async Task WaitForServingAsync(ApiServer server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await CheckHealthAsync(server)).Status != ServingStatus.Serving)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not report SERVING within 30 s of the disk getting room");
            await Task.Delay(100, server.Ct);
        }
    }
}
