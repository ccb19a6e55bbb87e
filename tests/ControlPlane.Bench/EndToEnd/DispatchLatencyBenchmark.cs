using System.Globalization;
using System.Text;
using ControlPlane.Bench.Scheduling;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Dispatch latency over a chain of sequential steps on one real agent, from recorded timestamps: each step's
/// script appends bash's $EPOCHREALTIME (CLOCK_REALTIME, microseconds, read without starting a process) to a file
/// as its only command, so that reading marks both its process start and (a few microseconds before) its exit. The
/// store records when the step became ready and when it was recorded finished (unix ms, truncated). So
/// ready -> start = clock - ready_at and exit -> recorded = finished_at - clock, each within 1 ms of truncation; the
/// whole turn (one step's exit to the next one's start) is exact, from two clock readings. Measured after a warm-up
/// chain of 50 steps on the same processes.
/// </summary>
internal static class DispatchLatencyBenchmark
{
    private const double P50Target = 2;
    private const double P99Target = 10;

    public static async Task RunAsync(BenchTable table, int steps)
    {
        await using var cluster = await BenchCluster.StartAsync();
        await cluster.StartAgentsAsync(1, capacity: 1);
        var clockFile = Path.Combine(cluster.Scratch, "clock.txt");
        var bareStart = await BareSpawn.MeasureStartLatencyAsync(cluster.Scratch, 200);
        var commit = await StoreBenchmarks.MeasureDurableCommitsAsync(cluster.Scratch, 500, CancellationToken.None);

        // Warm-up on the same processes (tiered JIT), its clock lines discarded.
        var warmUp = await cluster.StartRunAsync(await cluster.ApplyAsync("warm-up.yaml", Chain("warm-up", 50, clockFile)));
        await cluster.WaitForRunEndAsync(warmUp, TimeSpan.FromMinutes(5));
        File.Delete(clockFile);
        var workflow = await cluster.ApplyAsync("chain.yaml", Chain("chain", steps, clockFile));
        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, TimeSpan.FromMinutes(10));
        if (run.Run.State != RunState.Succeeded)
        {
            throw new InvalidOperationException($"latency run ended {run.Run.State}");
        }

        var clocks = (await File.ReadAllLinesAsync(clockFile))
            .Select(l => l.Split(' '))
            .ToDictionary(f => f[0], f => WallClock.ParseEpochRealtime(f[1]));
        var ordered = run.Steps.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var readyToStart = new Percentiles(ordered.Select(s => (clocks[s.Key] - s.ReadyAt.ToDateTimeOffset()).TotalMilliseconds));
        var exitToRecorded = new Percentiles(ordered.Select(s => (s.FinishedAt.ToDateTimeOffset() - clocks[s.Key]).TotalMilliseconds));
        var turns = new Percentiles(ordered.Zip(ordered.Skip(1)).Select(p => (clocks[p.Second.Key] - clocks[p.First.Key]).TotalMilliseconds));

        var bare = $"bare spawn to first line: {bareStart.Describe("ms")}";
        AddPercentiles(table, $"dispatch: step ready -> process started, {steps} sequential steps", readyToStart, bare);
        var store = string.Create(CultureInfo.InvariantCulture, $"durable commit {BenchTable.Format(1000 / commit.PerSecond)} ms; store stamps whole ms");
        AddPercentiles(table, $"dispatch: process exit -> step recorded succeeded", exitToRecorded, store);
        table.Add(new("dispatch: one step's exit -> next step's process, p50", turns.P50, "ms", $"exact (two clock readings); {turns.Describe("ms")}", "-"));
        AddBreakdown(table, ordered, clocks);
    }

    // Where the time goes, from the attempt's own stamps: the scheduler's offer, the agent's start report, its finish
    // report, and the step's progress. Each p50 in whole ms, as the store keeps them.
    private static void AddBreakdown(BenchTable table, List<Step> steps, Dictionary<string, DateTimeOffset> clocks)
    {
        static double Ms(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalMilliseconds;
        var attempts = steps.Select(s => (Step: s, Attempt: s.Attempts.Last(), Clock: clocks[s.Key])).ToList();
        (string Name, Func<(Step Step, Attempt Attempt, DateTimeOffset Clock), double> Span)[] spans =
        [
            ("ready -> offered", a => Ms(a.Step.ReadyAt.ToDateTimeOffset(), a.Attempt.OfferedAt.ToDateTimeOffset())),
            ("offered -> process", a => Ms(a.Attempt.OfferedAt.ToDateTimeOffset(), a.Clock)),
            ("process -> started recorded", a => Ms(a.Clock, a.Attempt.StartedAt.ToDateTimeOffset())),
            ("exit -> attempt recorded", a => Ms(a.Clock, a.Attempt.FinishedAt.ToDateTimeOffset())),
            ("attempt -> step recorded", a => Ms(a.Attempt.FinishedAt.ToDateTimeOffset(), a.Step.FinishedAt.ToDateTimeOffset())),
        ];
        foreach (var (name, span) in spans)
        {
            var values = new Percentiles(attempts.Select(span));
            table.Add(new($"dispatch breakdown: {name}, p50", values.P50, "ms", values.Describe("ms"), "-"));
        }
    }

    private static void AddPercentiles(BenchTable table, string measurement, Percentiles values, string reference)
    {
        table.Add(new($"{measurement}, p50", values.P50, "ms", reference, Verdicts.AtMost(values.P50, P50Target)));
        table.Add(new($"{measurement}, p95", values.P95, "ms", reference, "-"));
        table.Add(new($"{measurement}, p99", values.P99, "ms", reference, Verdicts.AtMost(values.P99, P99Target)));
    }

    private static string Chain(string name, int steps, string clockFile)
    {
        var yaml = new StringBuilder($"name: {name}\nsteps:\n");
        for (var i = 0; i < steps; i++)
        {
            var key = Key(i);
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: {key}\n");
            if (i > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    needs: [{Key(i - 1)}]\n");
            }

            yaml.Append(CultureInfo.InvariantCulture, $"    run: echo \"{key} $EPOCHREALTIME\" >> '{clockFile}'\n");
        }

        return yaml.ToString();
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"s{i:D4}");
}
