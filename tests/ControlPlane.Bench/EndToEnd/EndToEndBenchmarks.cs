namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// The system table: real cp-server and cp-agent processes (this build's Release output) on loopback, each figure
/// beside its reference measured in the same run and its target. <c>quick</c> shrinks every workload for a smoke run.
/// </summary>
internal static class EndToEndBenchmarks
{
    public static IReadOnlyDictionary<string, Func<BenchTable, Task>> Suites(bool quick) => new Dictionary<string, Func<BenchTable, Task>>
    {
        ["throughput"] = table => ThroughputBenchmark.RunAsync(table, quick ? 400 : 2_000, quick ? 250 : 1_000),
        ["dispatch"] = table => DispatchLatencyBenchmark.RunAsync(table, quick ? 100 : 500),
        ["logs"] = table => LogThroughputBenchmark.RunAsync(table, quick ? 50_000 : 200_000),
        ["agents"] = table => AgentScaleBenchmark.RunAsync(table, quick ? 200 : 1_000, TimeSpan.FromSeconds(quick ? 10 : 30)),
        ["recovery"] = table => RecoveryBenchmark.RunAsync(table, quick ? 1_000 : 10_000, quick ? 10 : 100),
        ["idle"] = table => IdleMemoryBenchmark.RunAsync(table, TimeSpan.FromSeconds(quick ? 5 : 15)),
    };
}
