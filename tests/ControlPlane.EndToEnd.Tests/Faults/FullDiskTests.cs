using System.Net;
using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Faults;

/// <summary>
/// The disk under a live cp-server's data directory (a small tmpfs) fills up while a cp-agent runs a step, for longer
/// than the runner-lost timeout and the lease; the step finishes during the outage; then the disk gets room. The server
/// says what is wrong meanwhile, the agent keeps its step running, and afterwards the step's result lands once: it is
/// never run again, and the run goes on.
/// </summary>
/// <remarks>
/// A read-only remount cannot be tried on a live server: Linux refuses to remount a file system read-only while a file
/// on it is open for writing (EBUSY), and the database always is. A data directory that is read-only at start is
/// <see cref="DataDirectoryFaultTests"/>; SQLITE_READONLY and SQLITE_IOERR take the same path as SQLITE_FULL (Store tests).
/// </remarks>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_full_disk_under_a_live_server_loses_nothing_runs_nothing_twice_and_says_what_is_wrong()
    {
        using var disk = Tmpfs.TryMount("32m", out var refused);
        if (disk is null)
        {
            output.WriteLine($"SKIPPED: mounting a tmpfs is not permitted here ({refused})");
            return;
        }

        await using var cluster = await Cluster.StartOnAsync(output, disk.Path, "--http-listen", "http://127.0.0.1:0");
        var agent = await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("outage.yaml", $$$"""
            name: outage
            steps:
              - id: build
                run: |
                  echo started >> {{{scratch}}}/build.runs
                  while [ ! -e {{{scratch}}}/go ]; do sleep 0.1; done
                  echo built
                  echo artifact=v1 >> "$CP_OUTPUT"
                outputs:
                  artifact: ${{ result.outputs.artifact }}
              - id: ship
                needs: build
                run: echo "shipping ${{ steps.build.outputs.artifact }}"
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, r => r.Steps.Single(s => s.Key == "build").Attempts.Any(a => a.State == AttemptState.Running), RunTimeout, "building");

        disk.Fill();

        // The agent's next heartbeat cannot be recorded: the server reports itself unhealthy, naming the cause.
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Server!.HttpAddress!) };
        var healthz = await WaitForHealthAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("the database cannot be written: database or disk is full", healthz, StringComparison.Ordinal);

        // A call that must write is refused as UNAVAILABLE with the cause, and says so in a machine-readable detail.
        var refusal = await Assert.ThrowsAsync<RpcException>(() => cluster.StartRunAsync(workflow));
        Assert.Equal(StatusCode.Unavailable, refusal.StatusCode);
        Assert.Equal("the database cannot be written: database or disk is full", refusal.Status.Detail);
        var info = Google.Rpc.Status.Parser.ParseFrom(refusal.Trailers.GetValueBytes("grpc-status-details-bin")).Details.Single().Unpack<ErrorInfo>();
        Assert.Equal(("STORE_UNWRITABLE", "controlplane.v1"), (info.Reason, info.Domain));

        // Well past the runner-lost timeout and the lease (4 s each): the agent keeps the step running, and the step
        // then finishes while the disk is still full.
        await Task.Delay(TimeSpan.FromSeconds(9));
        await File.WriteAllTextAsync(Path.Combine(scratch, "go"), "");
        await agent.Process.WaitForLineAsync(l => l.Contains("ended: Succeeded", StringComparison.Ordinal), "the build ending", RunTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        disk.Free();

        Assert.Equal("ok\n", await WaitForHealthAsync(http, HttpStatusCode.OK));
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);
        Assert.Equal(RunState.Succeeded, run.Run.State);
        var build = run.Steps.Single(s => s.Key == "build");
        var attempt = Assert.Single(build.Attempts);
        Assert.Equal((AttemptState.Succeeded, agent.Name), (attempt.State, attempt.RunnerName));
        Assert.Equal("started\n", await File.ReadAllTextAsync(Path.Combine(scratch, "build.runs")));
        Assert.Equal("v1", build.Outputs["artifact"]);
        Assert.Equal("built\n", Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "build")));
        Assert.Equal("shipping v1\n", Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "ship")));
        Assert.DoesNotContain("no word from the server", agent.Process.StandardOutput + agent.Process.StandardError, StringComparison.Ordinal);

        // The refused call recorded nothing; the runner was never declared lost.
        var runs = await cluster.Runs.ListRunsAsync(new ListRunsRequest());
        Assert.Equal([runId], runs.Runs.Select(r => r.Id));
        var runners = await cluster.Admin.ListRunnersAsync(new ListRunnersRequest());
        Assert.Equal(RunnerState.Online, runners.Runners.Single().State);
    }

    private static async Task<string> WaitForHealthAsync(HttpClient http, HttpStatusCode wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), timeout.Token);
            if (response.StatusCode == wanted)
            {
                return await response.Content.ReadAsStringAsync(timeout.Token);
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
