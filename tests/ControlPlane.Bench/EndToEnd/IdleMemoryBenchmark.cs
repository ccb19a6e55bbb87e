using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Idle memory: a fresh server with one connected agent, both left alone for a while (heartbeats only), then VmRSS
/// of each process from /proc/PID/status. The processes are the `dotnet` hosts running cp-server.dll and
/// cp-agent.dll, as the README starts them. VmRSS counts the runtime's shared file pages in full; the private part
/// (smaps_rollup) is given beside it.
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
        table.Add(new("idle RSS (VmRSS), cp-server", server.RssMegabytes, "MB", Note(server, idle), Verdicts.AtMost(server.RssMegabytes, ServerTarget)));
        table.Add(new("idle RSS (VmRSS), cp-agent", agent.RssMegabytes, "MB", Note(agent, idle), Verdicts.AtMost(agent.RssMegabytes, AgentTarget)));
    }

    private static string Note(ProcessSample sample, TimeSpan idle) =>
        string.Create(CultureInfo.InvariantCulture, $"private {BenchTable.Format(sample.PrivateMegabytes)} MB, rest shared .NET files; {idle.TotalSeconds:N0} s idle, 1 agent");
}
