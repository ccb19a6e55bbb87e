using System.Diagnostics;
using System.Globalization;
using System.Text;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Trivial-step throughput: one run of independent matrix steps (a matrix may expand to 256 at most) that together
/// make <c>steps</c> scripts of <c>true</c>, spread over 4 real
/// agents of capacity 2, timed in the store from the first step becoming ready to the last step recorded finished.
/// Measured after a warm-up run of 250 steps on the same processes. The reference is the bare spawn rate of the same processes, 8 at a time, from one program.
/// </summary>
internal static class ThroughputBenchmark
{
    private const int Agents = 4;
    private const int CapacityPerAgent = 2;
    private const double Target = 0.70;
    private const int WarmUpSteps = 250;

    public static async Task RunAsync(BenchTable table, int steps)
    {
        await using var cluster = await BenchCluster.StartAsync();
        await cluster.StartAgentsAsync(Agents, CapacityPerAgent);
        var bareCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var bare = await BareSpawn.MeasureRateAsync(cluster.Scratch, steps, Agents * CapacityPerAgent);
        var bareCpu = (Process.GetCurrentProcess().TotalProcessorTime - bareCpuBefore).TotalMilliseconds / steps;
        // Warm-up: a fresh process spends its first few hundred steps compiling (tiered JIT); measure it warm.
        await RunAsync(cluster, await cluster.ApplyAsync("warm-up.yaml", Workflow("warm-up", WarmUpSteps)), WarmUpSteps);
        var serverBefore = ProcessSample.Read(cluster.Server.Process.Id);
        var agentsBefore = cluster.Agents.Select(a => ProcessSample.Read(a.Id)).ToList();

        var run = await RunAsync(cluster, await cluster.ApplyAsync("throughput.yaml", Workflow("throughput", steps)), steps);
        var serverCpu = ProcessSample.Read(cluster.Server.Process.Id).CpuMillisecondsSince(serverBefore) / steps;
        var agentsCpu = cluster.Agents.Zip(agentsBefore).Sum(p => ProcessSample.Read(p.First.Id).CpuMillisecondsSince(p.Second)) / steps;
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
        // CPU per step does not depend on how loaded the machine is, unlike the rate: it says where a quiet machine's
        // cores would go. The step processes' own CPU is in neither figure (children are not counted in utime).
        table.Add(new("CPU per step, cp-server", serverCpu, "ms", $"bare spawn: {BenchTable.Format(bareCpu)} ms of the spawning program per process", "-"));
        table.Add(new("CPU per step, cp-agent", agentsCpu, "ms", $"bare spawn: {BenchTable.Format(bareCpu)} ms of the spawning program per process", "-"));
    }

    private static async Task<GetRunResponse> RunAsync(BenchCluster cluster, string workflow, int steps)
    {
        var run = await cluster.WaitForRunEndAsync(await cluster.StartRunAsync(workflow), TimeSpan.FromMinutes(10));
        if (run.Run.State != RunState.Succeeded || run.Steps.Count != steps)
        {
            throw new InvalidOperationException($"{workflow} run ended {run.Run.State} with {run.Steps.Count} steps");
        }

        return run;
    }

    private static string Workflow(string name, int steps)
    {
        const int PerMatrix = 250;
        var yaml = new StringBuilder($"name: {name}\nsteps:\n");
        for (var first = 0; first < steps; first += PerMatrix)
        {
            var values = string.Join(", ", Enumerable.Range(first, Math.Min(PerMatrix, steps - first)).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: trivial{first / PerMatrix}\n    matrix: {{i: [{values}]}}\n    run: \"true\"\n");
        }

        return yaml.ToString();
    }
}
