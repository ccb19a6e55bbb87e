using System.Diagnostics;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Retention;
using ControlPlane.Store;
using ControlPlane.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ControlPlane.Bench.Observe;

/// <summary>
/// Metrics and retention over a store with a history of finished runs: what one gauge snapshot (the reads behind
/// <c>/metrics</c>) costs, and how fast retention deletes runs in batches of 100.
/// </summary>
internal static class ObserveBenchmarks
{
    private const int Runs = 5_000;

    public static async Task RunAsync(BenchTable table)
    {
        using var directory = new TempDirectory("cp-bench-observe");
        var ct = CancellationToken.None;
        await using var store = await SqliteStore.OpenAsync(directory.Combine("bench.db"), TimeProvider.System, ct);
        await SeedAsync(store, ct);

        const int Snapshots = 200;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Snapshots; i++)
        {
            await using var unit = await store.BeginReadAsync(ct);
            await unit.Statistics.CountRunsByStateAsync(ct);
            await unit.Statistics.CountLiveStepsByStateAsync(ct);
            await unit.Statistics.ReadReadyQueueAsync(ct);
            await unit.Statistics.CountLiveAttemptsByRunnerAsync(ct);
        }

        table.Add(new("metrics gauge snapshot (4 reads)", watch.Elapsed.TotalMilliseconds / Snapshots, "ms", $"{Runs} finished runs of 3 steps; cached 1 s per scrape", "-"));

        await Task.Delay(20, ct);
        var sweep = new RetentionSweep(store, TimeProvider.System, Options.Create(new RetentionOptions { MaxAge = TimeSpan.FromMilliseconds(10), BatchSize = 100 }), NullLogger<RetentionSweep>.Instance);
        watch.Restart();
        var report = await sweep.RunOnceAsync(ct);
        table.Add(new("retention deletes, batches of 100", report.RunsDeleted / watch.Elapsed.TotalSeconds, "runs/s", $"{report.RunsDeleted} runs with steps and events in {report.Batches} transactions", "-"));
    }

    private static async Task SeedAsync(SqliteStore store, CancellationToken ct)
    {
        for (var batch = 0; batch < Runs / 250; batch++)
        {
            await using var unit = await store.BeginAsync(ct);
            var revision = await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("bench", "bench.yaml", "name: bench\n", "sha256:bench"), ct);
            for (var i = 0; i < 250; i++)
            {
                var run = await unit.Runs.CreateAsync(new NewRun(revision.WorkflowId, revision.Id), ct);
                await unit.Steps.CreatePlanAsync(run.Id, [.. new[] { "build", "test", "deploy" }.Select(k => new NewStep(k, [], "{}"))], ct);
                await unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, ct);
                await unit.Runs.TransitionAsync(run.Id, RunTrigger.Succeed, RunState.Running, null, ct);
            }

            await unit.CommitAsync(ct);
        }
    }
}
