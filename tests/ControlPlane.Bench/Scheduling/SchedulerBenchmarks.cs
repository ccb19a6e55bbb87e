using System.Diagnostics;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Runners;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ControlPlane.Bench.Scheduling;

/// <summary>
/// Scheduling throughput through the real path, for the <c>bench</c> tool (not a timed test): the hosted dispatch loop
/// over a real store file (WAL, synchronous=FULL), runner sessions that accept and finish every offer at once through
/// the attempt reporter, one-step runs started through the run launcher. Compare with the raw durable commit rate
/// (<see cref="StoreBenchmarks.MeasureDurableCommitsAsync"/>) measured on the same disk.
/// </summary>
internal static class SchedulerBenchmarks
{
    private const string Workflow = "name: bench\nsteps:\n  - id: only\n    run: 'true'\n";

    /// <param name="directory">Where the store file goes; it is deleted afterwards.</param>
    /// <param name="backlog">False: runs are started one by one while runners are connected (each tick has little to
    /// batch). True: every run is started and made ready first, then the runners connect and the clock starts, so ticks
    /// offer many steps per commit.</param>
    public static async Task<SchedulerBenchmarkResult> MeasureAsync(string directory, int runs, int runners, int slotsPerRunner, bool backlog, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var path = Path.Combine(directory, $"scheduler-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = await SqliteStore.OpenAsync(path, TimeProvider.System, cancellationToken);
            await using var services = Compose(store);
            return await MeasureAsync(services, store, new Load(runs, runners, slotsPerRunner, backlog), cancellationToken);
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<SchedulerBenchmarkResult> MeasureAsync(ServiceProvider services, IStore store, Load load, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<WorkflowApplier>().ApplyAsync("bench.yaml", Workflow, cancellationToken);
        var ids = await RegisterRunnersAsync(store, load.Runners, load.SlotsPerRunner, cancellationToken);
        var loop = ActivatorUtilities.CreateInstance<DispatchLoop>(services);
        await loop.StartAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = new List<Task<int>>();
        try
        {
            var launcher = services.GetRequiredService<RunLauncher>();
            if (load.Backlog)
            {
                await StartRunsAsync(launcher, load.Runs, cancellationToken);
                await WaitForAsync(store, unit => unit.Steps.ListReadyAsync(load.Runs, cancellationToken), ready => ready.Count == load.Runs, cancellationToken);
            }

            var before = await LatestSequenceAsync(store, cancellationToken);
            var ticksBefore = loop.Ticks;
            var started = Stopwatch.GetTimestamp();
            foreach (var id in ids)
            {
                var session = await services.GetRequiredService<RunnerConnector>().ConnectAsync(id, cancellationToken);
                pumps.Add(LoopbackRunner.PumpAsync(session, services.GetRequiredService<AttemptReporter>(), stop.Token));
            }

            if (!load.Backlog)
            {
                await StartRunsAsync(launcher, load.Runs, cancellationToken);
            }

            await WaitForAsync(store, unit => unit.Runs.ListActiveAsync(cancellationToken), active => active.Count == 0, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new SchedulerBenchmarkResult(load.Runs, await CountDecisionsAsync(store, before, cancellationToken), loop.Ticks - ticksBefore, elapsed);
        }
        finally
        {
            await loop.StopAsync(CancellationToken.None);
            await stop.CancelAsync();
            await Task.WhenAll(pumps);
        }
    }

    private static ServiceProvider Compose(IStore store)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(store);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new SchedulerOptions()));
        services.AddScheduling();

        // What the server's API and trigger services add for applying workflows; the bench's workflow names no secret.
        services.AddSingleton(SecretValues.None);
        services.AddSingleton<WebhookSecretRule>();
        services.AddSingleton<WorkflowApplier>();
        return services.BuildServiceProvider();
    }

    private static async Task<List<RunnerId>> RegisterRunnersAsync(IStore store, int count, int slots, CancellationToken cancellationToken)
    {
        await using var unit = await store.BeginAsync(cancellationToken);
        var ids = new List<RunnerId>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await unit.Runners.RegisterAsync(new NewRunner($"loopback-{i}", RunnerTokens.Issue().Hash, [], slots), cancellationToken)).Id);
        }

        await unit.CommitAsync(cancellationToken);
        return ids;
    }

    private static async Task StartRunsAsync(RunLauncher launcher, int runs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < runs; i++)
        {
            await launcher.StartAsync("bench", null, new Dictionary<string, string>(), null, 0, cancellationToken);
        }
    }

    // Polls a read snapshot; the measurement's resolution is a millisecond, far below the totals it reports.
    private static async Task WaitForAsync<T>(IStore store, Func<IUnitOfWork, Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using (var unit = await store.BeginReadAsync(cancellationToken))
            {
                if (done(await read(unit)))
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken);
        }
    }

    private sealed record Load(int Runs, int Runners, int SlotsPerRunner, bool Backlog);

    private static async Task<long> LatestSequenceAsync(IStore store, CancellationToken cancellationToken)
    {
        await using var unit = await store.BeginReadAsync(cancellationToken);
        return await unit.Events.LatestSequenceAsync(cancellationToken);
    }

    private static async Task<int> CountDecisionsAsync(IStore store, long after, CancellationToken cancellationToken)
    {
        await using var unit = await store.BeginReadAsync(cancellationToken);
        var events = await unit.Events.ReadAfterAsync(after, int.MaxValue, cancellationToken);
        return events.Count(e => e.Entity != "runner" && !(e.Kind == "created" && e.Entity is "run" or "step"));
    }
}
