using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Idle memory: a fresh server with one connected agent, both left alone for a while (heartbeats only), then VmRSS
/// of each process from /proc/PID/status. The processes are the `dotnet` hosts running cp-server.dll and
/// cp-agent.dll, as the README starts them.
/// </summary>
internal static class IdleMemoryBenchmark
{
    private const double ServerTarget = 100;
    private const double AgentTarget = 50;

    public static async Task RunAsync(BenchTable table, TimeSpan idle)
    {
        await using var cluster = await BenchCluster.StartAsync();
        await cluster.StartAgentsAsync(1, capacity: 1);
        await Task.Delay(idle);
        var server = ProcessSample.Read(cluster.Server.Process.Id);
        var agent = ProcessSample.Read(cluster.Agents[0].Id);
        var note = string.Create(CultureInfo.InvariantCulture, $"after {idle.TotalSeconds:N0} s idle, one agent connected");
        table.Add(new("idle RSS, cp-server", server.RssMegabytes, "MB", note, Verdicts.AtMost(server.RssMegabytes, ServerTarget)));
        table.Add(new("idle RSS, cp-agent", agent.RssMegabytes, "MB", note, Verdicts.AtMost(agent.RssMegabytes, AgentTarget)));
    }
}
