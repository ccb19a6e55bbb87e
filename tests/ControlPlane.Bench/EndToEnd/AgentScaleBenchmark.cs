using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Agent scale: <c>agents</c> simulated agents (each registered once with the registration token, then one Connect
/// stream with hello and heartbeats at the server's interval, default 5 s) against one cp-server. The server's CPU
/// share comes from utime + stime in /proc/PID/stat over a window of several heartbeat intervals; its RSS from VmRSS
/// in /proc/PID/status at the end of the window. The reference is the same server over the same window with no agent.
/// </summary>
internal static class AgentScaleBenchmark
{
    private const double CpuTarget = 0.25;
    private const int ParallelSetup = 16;

    public static async Task RunAsync(BenchTable table, int agents, TimeSpan window)
    {
        await using var cluster = await BenchCluster.StartAsync();
        var pid = cluster.Server.Process.Id;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleStart = ProcessSample.Read(pid);
        await Task.Delay(window);
        var idleEnd = ProcessSample.Read(pid);

        var simulated = new List<SimulatedAgent>();
        using var stop = new CancellationTokenSource();
        try
        {
            using var gate = new SemaphoreSlim(ParallelSetup);
            var connecting = Enumerable.Range(0, agents).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"sim-{i:D4}");
                    var registration = await SimulatedAgent.RegisterAsync(cluster.Runners, name, BenchCluster.RegistrationToken);
                    return await SimulatedAgent.ConnectAsync(cluster.Runners, registration.RunnerToken, stop.Token);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            foreach (var agent in connecting)
            {
                simulated.Add(await agent);
            }

            // Let connection set-up settle and every agent's heartbeat phase come round once before the window.
            await Task.Delay(TimeSpan.FromSeconds(6));
            var acksBefore = simulated.Sum(a => a.HeartbeatAcks);
            var loadedStart = ProcessSample.Read(pid);
            await Task.Delay(window);
            var loadedEnd = ProcessSample.Read(pid);
            var acks = simulated.Sum(a => a.HeartbeatAcks) - acksBefore;

            var share = loadedEnd.CoreShareSince(loadedStart);
            var idleShare = idleEnd.CoreShareSince(idleStart);
            table.Add(new(
                string.Create(CultureInfo.InvariantCulture, $"agent scale: server CPU with {agents:N0} agents heartbeating"),
                share * 100,
                "% of a core",
                string.Create(CultureInfo.InvariantCulture, $"no agents: {BenchTable.Format(idleShare * 100)} %; {acks / window.TotalSeconds:N0} heartbeats/s acked over {window.TotalSeconds:N0} s"),
                Verdicts.AtMost(share * 100, CpuTarget * 100)));
            table.Add(new(
                string.Create(CultureInfo.InvariantCulture, $"agent scale: server RSS with {agents:N0} agents"),
                loadedEnd.RssMegabytes,
                "MB",
                string.Create(CultureInfo.InvariantCulture, $"no agents: {BenchTable.Format(idleEnd.RssMegabytes)} MB; private {BenchTable.Format(loadedEnd.PrivateMegabytes)} MB (no agents {BenchTable.Format(idleEnd.PrivateMegabytes)})"),
                "-"));
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var agent in simulated)
            {
                await agent.DisposeAsync();
            }
        }
    }
}
