using System.Diagnostics;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Transport;

/// <summary>A caller's deadline ends even the calls that would otherwise wait for as long as the caller likes.</summary>
public sealed class DeadlineTests(ITestOutputHelper output)
{
    private const string Parked = "name: parked\nsteps:\n  - id: nap\n    runs_on: [nowhere]\n    sleep: 1s\n";

    [Fact]
    public async Task Watching_a_run_that_does_not_move_ends_with_DEADLINE_EXCEEDED_at_the_deadline_and_the_server_keeps_serving()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "parked.yaml", Source = Parked }, cancellationToken: server.Ct);
        var run = (await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "parked" }, cancellationToken: server.Ct)).Run;
        var clock = Stopwatch.StartNew();

        using var watch = server.Runs.WatchRun(new WatchRunRequest { RunId = run.Id }, deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: server.Ct);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(server.Ct))
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        var again = await server.Runs.GetRunAsync(new GetRunRequest { RunId = run.Id }, cancellationToken: server.Ct);
        Assert.Equal(run.Id, again.Run.Id);
    }
}
