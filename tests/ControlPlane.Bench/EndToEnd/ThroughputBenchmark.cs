using System.Diagnostics;
using System.Globalization;
using System.Text;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Trivial-step throughput over 4 real agents of capacity 2: <c>steps</c> scripts of <c>true</c> as runs of 20
/// independent steps (a matrix) all started at once, timed in the store from the first step becoming ready to the
/// last step recorded finished; then the same for one big run (independent matrices of 250, the most a matrix may
/// expand to), because the server's cost per step grows with the size of its run. Measured after a warm-up of 250
/// steps on the same processes. The reference is the bare spawn rate of the same processes, 8 at a time, from one
/// program; CPU per step (utime + stime of the processes over the measured load) says where a quiet machine's cores go.
/// </summary>
internal static class ThroughputBenchmark
{
    private const int Agents = 4;
    private const int CapacityPerAgent = 2;
    private const int StepsPerRun = 20;
    private const int PerMatrix = 250;
    private const double Target = 0.70;

    public static async Task RunAsync(BenchTable table, int steps, int bigRunSteps)
    {
        await using var cluster = await BenchCluster.StartAsync();
        await cluster.StartAgentsAsync(Agents, CapacityPerAgent);
        var bareCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var bare = await BareSpawn.MeasureRateAsync(cluster.Scratch, steps, Agents * CapacityPerAgent);
        var bareCpu = (Process.GetCurrentProcess().TotalProcessorTime - bareCpuBefore).TotalMilliseconds / steps;
        var reference = string.Create(CultureInfo.InvariantCulture, $"bare spawn {BenchTable.Format(bare)}/s ({Agents * CapacityPerAgent} at a time)");
        var bareCpuNote = $"bare spawn: {BenchTable.Format(bareCpu)} ms of the spawning program per process";

        // Warm-up: a fresh process spends its first few hundred steps compiling (tiered JIT); measure it warm.
        await MeasureAsync(cluster, "warm-up", 1, PerMatrix);

        var many = await MeasureAsync(cluster, "throughput", steps / StepsPerRun, StepsPerRun);
        table.Add(new(
            string.Create(CultureInfo.InvariantCulture, $"trivial-step throughput, {steps} x `true` in runs of {StepsPerRun}, {Agents} agents x {CapacityPerAgent} slots"),
            many.Rate,
            "steps/s",
            string.Create(CultureInfo.InvariantCulture, $"{many.Rate / bare:P0} of {reference}"),
            Verdicts.AtLeast(many.Rate / bare, Target, "P0")));
        table.Add(new("CPU per step, cp-server", many.ServerCpu, "ms", bareCpuNote, "-"));
        table.Add(new("CPU per step, cp-agent (4 agents together)", many.AgentsCpu, "ms", bareCpuNote, "-"));

        var big = await MeasureAsync(cluster, "big-run", 1, bigRunSteps);
        table.Add(new(
            string.Create(CultureInfo.InvariantCulture, $"trivial-step throughput, {bigRunSteps} x `true` in one run"),
            big.Rate,
            "steps/s",
            string.Create(CultureInfo.InvariantCulture, $"{big.Rate / bare:P0} of {reference}"),
            Verdicts.AtLeast(big.Rate / bare, Target, "P0")));
        table.Add(new(
            string.Create(CultureInfo.InvariantCulture, $"CPU per step, cp-server, one run of {bigRunSteps}"),
            big.ServerCpu,
            "ms",
            string.Create(CultureInfo.InvariantCulture, $"runs of {StepsPerRun}: {BenchTable.Format(many.ServerCpu)} ms"),
            "-"));
    }

    private static async Task<(double Rate, double ServerCpu, double AgentsCpu)> MeasureAsync(BenchCluster cluster, string name, int runs, int stepsPerRun)
    {
        var workflow = await cluster.ApplyAsync($"{name}.yaml", Workflow(name, stepsPerRun));
        var serverBefore = ProcessSample.Read(cluster.Server.Process.Id);
        var agentsBefore = cluster.Agents.Select(a => ProcessSample.Read(a.Id)).ToList();
        var started = new List<long>();
        for (var i = 0; i < runs; i++)
        {
            started.Add(await cluster.StartRunAsync(workflow));
        }

        var ended = new List<GetRunResponse>();
        foreach (var runId in started)
        {
            var run = await cluster.WaitForRunEndAsync(runId, TimeSpan.FromMinutes(10));
            if (run.Run.State != RunState.Succeeded || run.Steps.Count != stepsPerRun)
            {
                throw new InvalidOperationException($"{name} run {runId} ended {run.Run.State} with {run.Steps.Count} steps");
            }

            ended.Add(run);
        }

        var steps = runs * stepsPerRun;
        var serverCpu = ProcessSample.Read(cluster.Server.Process.Id).CpuMillisecondsSince(serverBefore) / steps;
        var agentsCpu = cluster.Agents.Zip(agentsBefore).Sum(p => ProcessSample.Read(p.First.Id).CpuMillisecondsSince(p.Second)) / steps;
        var first = ended.SelectMany(r => r.Steps).Min(s => s.ReadyAt.ToDateTimeOffset());
        var last = ended.SelectMany(r => r.Steps).Max(s => s.FinishedAt.ToDateTimeOffset());
        return (steps / (last - first).TotalSeconds, serverCpu, agentsCpu);
    }

    private static string Workflow(string name, int steps)
    {
        var yaml = new StringBuilder($"name: {name}\nsteps:\n");
        for (var first = 0; first < steps; first += PerMatrix)
        {
            var values = string.Join(", ", Enumerable.Range(first, Math.Min(PerMatrix, steps - first)).Select(i => i.ToString(CultureInfo.InvariantCulture)));
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: trivial{first / PerMatrix}\n    matrix: {{i: [{values}]}}\n    run: \"true\"\n");
        }

        return yaml.ToString();
    }
}
