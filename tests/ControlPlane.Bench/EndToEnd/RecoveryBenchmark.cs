using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Hosting;
using ControlPlane.Testing;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Recovery: a real server records one finished run (its step ran on a real agent) and one unfinished run (its step
/// ready, no runner connected), a runner is registered for the probe, and the server stops. The database is grown
/// to <c>finished</c> finished runs and <c>running</c> unfinished ones by copying those rows; then the server is started
/// over it and timed to the first dispatch (see <see cref="FirstDispatchProbe"/>), each try on a fresh copy of the
/// files, the median of three. The reference is the same start over the database before it was grown (1 + 1 runs).
/// </summary>
internal static class RecoveryBenchmark
{
    private const int Tries = 3;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(BenchTable table, int finished, int running)
    {
        using var root = new TempDirectory("cp-bench-recovery");
        var small = root.Combine("small");
        var (finishedRun, liveRun, probeToken) = await RecordTemplatesAsync(small);
        var large = root.Combine("large");
        Copy(small, large);
        await RecoveryDatabase.CloneRunsAsync(Path.Combine(large, ServerHost.StoreFileName), finishedRun, finished - 1, liveRun, running - 1);

        var reference = await MedianStartAsync(small, root.Combine("try"), probeToken);
        var measured = await MedianStartAsync(large, root.Combine("try"), probeToken);
        table.Add(new(
            string.Create(CultureInfo.InvariantCulture, $"recovery: process start -> first dispatch, {finished:N0} finished + {running:N0} running runs"),
            measured.FirstOffer.TotalSeconds,
            "s",
            string.Create(CultureInfo.InvariantCulture, $"listening after {measured.Listening.TotalSeconds:N2} s; 1 + 1 runs: {reference.FirstOffer.TotalSeconds:N2} s (listening {reference.Listening.TotalSeconds:N2} s)"),
            Verdicts.AtMost(measured.FirstOffer.TotalSeconds, Target.TotalSeconds)));
    }

    private static async Task<(long FinishedRun, long LiveRun, string ProbeToken)> RecordTemplatesAsync(string dataDir)
    {
        await using var cluster = await BenchCluster.StartAsync(dataDir);
        await cluster.StartAgentsAsync(1, capacity: 1);
        var workflow = await cluster.ApplyAsync("recovery.yaml", """
            name: recovery
            steps:
              - id: work
                run: echo "recovered"
            """);
        var finishedRun = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(finishedRun, TimeSpan.FromMinutes(2));
        if (run.Run.State != RunState.Succeeded)
        {
            throw new InvalidOperationException($"the template run ended {run.Run.State}");
        }

        await cluster.StopAgentsAsync();
        var probe = await SimulatedAgent.RegisterAsync(cluster.Runners, "recovery-probe", BenchCluster.RegistrationToken);
        var liveRun = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(liveRun, r => r.Steps.Single().State == StepState.Ready, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));
        await cluster.StopServerAsync();
        return (finishedRun, liveRun, probe.RunnerToken);
    }

    private static async Task<(TimeSpan Listening, TimeSpan FirstOffer)> MedianStartAsync(string pristine, string scratch, string probeToken)
    {
        var tries = new List<(TimeSpan Listening, TimeSpan FirstOffer)>();
        for (var i = 0; i < Tries; i++)
        {
            Copy(pristine, scratch);
            tries.Add(await FirstDispatchProbe.MeasureAsync(scratch, probeToken));
            Directory.Delete(scratch, recursive: true);
        }

        return tries.OrderBy(t => t.FirstOffer).ElementAt(Tries / 2);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
