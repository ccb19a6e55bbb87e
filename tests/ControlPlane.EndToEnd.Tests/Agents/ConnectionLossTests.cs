using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

public sealed class ConnectionLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Connections_dropped_mid_log_lose_no_byte_and_do_not_rerun_the_step()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await using var proxy = new TcpProxy(cluster.Port);
        await cluster.StartAgentAsync("agent-1", server: proxy.Address);
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("streaming.yaml", $$"""
            name: streaming
            steps:
              - id: stream
                run: |
                  echo started >> {{scratch}}/started
                  for i in $(seq 1 40); do seq $((i * 1000 - 999)) $((i * 1000)); sleep 0.1; done
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => File.Exists($"{scratch}/started"), RunTimeout, "running");

        for (var cut = 0; cut < 3; cut++)
        {
            await Task.Delay(700);
            proxy.CutAll();
        }

        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.True(proxy.Cuts >= 3, $"only {proxy.Cuts} connections were cut");
        var attempt = Assert.Single(run.Steps[0].Attempts);
        Assert.True(attempt.LogComplete);
        var expected = string.Concat(Enumerable.Range(1, 40_000).Select(i => $"{i}\n"));
        Assert.Equal(expected, Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "stream")));
        Assert.Single(await File.ReadAllLinesAsync($"{scratch}/started"));
    }

    [Fact]
    public async Task A_server_killed_and_restarted_mid_step_is_invisible_to_the_step()
    {
        // An outage longer than the lease makes agents fence their work (see README, Guarantees): the lease here is
        // well above a restart's duration on a loaded machine.
        await using var cluster = await Cluster.StartAsync(output, "--runner-lost-timeout", "15s");
        await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("steady.yaml", $$"""
            name: steady
            steps:
              - id: work
                run: |
                  echo started >> {{scratch}}/started
                  for i in $(seq 1 30); do echo "tick $i"; sleep 0.2; done
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts is [.., { State: AttemptState.Running }] && File.Exists($"{scratch}/started"), RunTimeout, "running");

        await cluster.KillServerAsync();
        await cluster.StartServerAsync();
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var attempt = Assert.Single(RunAssert.Started(run.Steps[0]));
        Assert.True(attempt.LogComplete);
        Assert.Single(await File.ReadAllLinesAsync($"{scratch}/started"));
        var expected = string.Concat(Enumerable.Range(1, 30).Select(i => $"tick {i}\n"));
        Assert.Equal(expected, Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "work")));
    }
}
