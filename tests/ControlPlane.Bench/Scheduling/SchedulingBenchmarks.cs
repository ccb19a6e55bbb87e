using ControlPlane.Testing;

namespace ControlPlane.Bench.Scheduling;

/// <summary>
/// The store and scheduler table: SQLite's durable commit rate on this disk (the ceiling), the store API's decision
/// rate one per commit and batched, and decisions/s through the real scheduler (loop, sessions, reporter).
/// </summary>
internal static class SchedulingBenchmarks
{
    public static async Task RunAsync(BenchTable table, TimeSpan duration)
    {
        using var directory = new TempDirectory("cp-bench");
        var ct = CancellationToken.None;
        var commits = await StoreBenchmarks.MeasureDurableCommitsAsync(directory.Path, 2_000, ct);
        table.Add(new("durable commits/s (WAL, synchronous=FULL)", commits.PerSecond, "commits/s", "ceiling for one-commit decisions", "-"));
        var single = await StoreBenchmarks.MeasureSchedulingDecisionsAsync(directory.Path, 1_000, 1, ct);
        table.Add(new("store offers/s, 1 per commit", single.PerSecond, "offers/s", Ratio(single.PerSecond, commits.PerSecond), "-"));
        var batched = await StoreBenchmarks.MeasureSchedulingDecisionsAsync(directory.Path, 2_000, 64, ct);
        table.Add(new("store offers/s, 64 per commit", batched.PerSecond, "offers/s", Ratio(batched.PerSecond, commits.PerSecond), "-"));

        var runs = (int)Math.Clamp(duration.TotalSeconds * 300, 200, 5_000);
        foreach (var backlog in new[] { false, true })
        {
            var load = backlog ? "backlog of ready runs" : "runs started one by one";
            var scheduler = await SchedulerBenchmarks.MeasureAsync(directory.Path, runs, runners: 4, slotsPerRunner: 8, backlog, ct);
            table.Add(new($"scheduler decisions/s, {load}", scheduler.DecisionsPerSecond, "decisions/s", Ratio(scheduler.DecisionsPerSecond, commits.PerSecond), "-"));
            table.Add(new($"one-step runs/s, {load}", scheduler.RunsPerSecond, "runs/s", $"{runs} runs, 4x8 loopback slots, {scheduler.Ticks} ticks", "-"));
        }
    }

    private static string Ratio(double value, double commits) => $"{BenchTable.Format(value / commits)}x durable commits";
}
