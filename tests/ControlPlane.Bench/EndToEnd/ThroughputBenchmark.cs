using System.Globalization;
using System.Text;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Trivial-step throughput: one run of independent matrix steps (a matrix may expand to 256 at most) that together
/// make <c>steps</c> scripts of <c>true</c>, spread over 4 real
/// agents of capacity 2, timed in the store from the first step becoming ready to the last step recorded finished.
/// The reference is the bare spawn rate of the same processes, 8 at a time, from one program.
/// </summary>
internal static class ThroughputBenchmark
{
    private const int Agents = 4;
    private const int CapacityPerAgent = 2;
    private const double Target = 0.70;

    public static async Task RunAsync(BenchTable table, int steps)
    {
        await using var cluster = await BenchCluster.StartAsync();
        await cluster.StartAgentsAsync(Agents, CapacityPerAgent);
        var bare = await BareSpawn.MeasureRateAsync(cluster.Scratch, steps, Agents * CapacityPerAgent);

        var workflow = await cluster.ApplyAsync("throughput.yaml", Workflow(steps));
        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, TimeSpan.FromMinutes(10));
        if (run.Run.State != RunState.Succeeded || run.Steps.Count != steps)
        {
            throw new InvalidOperationException($"throughput run ended {run.Run.State} with {run.Steps.Count} steps");
        }

        var first = run.Steps.Min(s => s.ReadyAt.ToDateTimeOffset());
        var last = run.Steps.Max(s => s.FinishedAt.ToDateTimeOffset());
        var rate = steps / (last - first).TotalSeconds;
        var ratio = rate / bare;
        table.Add(new(
            string.Create(CultureInfo.InvariantCulture, $"trivial-step throughput, {steps} x `true`, {Agents} agents x {CapacityPerAgent} slots"),
            rate,
            "steps/s",
            new StringBuilder().Append(CultureInfo.InvariantCulture, $"{ratio:P0} of bare spawn {BenchTable.Format(bare)}/s ({Agents * CapacityPerAgent} at a time)").ToString(),
            Verdicts.AtLeast(ratio, Target, "P0")));
    }

    private static string Workflow(int steps)
    {
        const int PerMatrix = 250;
        var yaml = new StringBuilder("name: throughput\nsteps:\n");
        for (var first = 0; first < steps; first += PerMatrix)
        {
            var values = string.Join(", ", Enumerable.Range(first, Math.Min(PerMatrix, steps - first)).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: trivial{first / PerMatrix}\n    matrix: {{i: [{values}]}}\n    run: \"true\"\n");
        }

        return yaml.ToString();
    }
}
