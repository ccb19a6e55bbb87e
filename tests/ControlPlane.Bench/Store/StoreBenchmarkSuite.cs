using ControlPlane.Store.Diagnostics;
using ControlPlane.Testing;

namespace ControlPlane.Bench.Store;

/// <summary>
/// The store's table: scheduling decisions per second, one per transaction and batched per tick, beside SQLite's
/// durable commit rate on the same disk in the same run (the physical ceiling for one-decision transactions).
/// </summary>
internal static class StoreBenchmarkSuite
{
    private const int Commits = 2_000;
    private const int Decisions = 2_000;

    public static async Task RunAsync(BenchTable table, CancellationToken cancellationToken)
    {
        using var directory = new TempDirectory("cp-bench-store");
        var commits = await StoreBenchmarks.MeasureDurableCommitsAsync(directory.Path, Commits, cancellationToken);
        var single = await StoreBenchmarks.MeasureSchedulingDecisionsAsync(directory.Path, Decisions, decisionsPerUnitOfWork: 1, cancellationToken);
        var batched = await StoreBenchmarks.MeasureSchedulingDecisionsAsync(directory.Path, Decisions, decisionsPerUnitOfWork: 10, cancellationToken);

        table.Add(new("SQLite durable commits/s (WAL, synchronous=FULL)", commits.PerSecond, "commits/s", "physical limit", "-"));
        table.Add(new("scheduling decisions/s, 1 per transaction", single.PerSecond, "decisions/s", Share(single, commits), "-"));
        table.Add(new("scheduling decisions/s, 10 per transaction", batched.PerSecond, "decisions/s", Share(batched, commits), "-"));
    }

    private static string Share(BenchmarkResult decisions, BenchmarkResult commits) =>
        $"{BenchTable.Format(decisions.PerSecond / commits.PerSecond)}x the durable commit rate";
}
