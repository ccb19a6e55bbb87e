using System.Diagnostics;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;
using ControlPlane.Store;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Bench.Scheduling;

/// <summary>
/// What durable commits cost on this machine's disk, and how many scheduling decisions per second the store sustains
/// on top. Each works in its own file under the given directory and deletes it afterwards.
/// </summary>
internal static class StoreBenchmarks
{
    private const int WarmUp = 20;

    /// <summary>
    /// SQLite's raw durable commit rate: single-row INSERT transactions (BEGIN IMMEDIATE, INSERT, COMMIT) on one
    /// connection with the store's settings (WAL, synchronous=FULL). The ceiling for anything the store does.
    /// </summary>
    public static async Task<BenchmarkResult> MeasureDurableCommitsAsync(string directory, int transactions, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $"commit-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = await OpenDurableAsync(path, cancellationToken);
            await ExecuteAsync(connection, "CREATE TABLE bench (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)", cancellationToken);
            await using var begin = Command(connection, "BEGIN IMMEDIATE");
            await using var insert = Command(connection, "INSERT INTO bench (payload) VALUES ('decision')");
            await using var commit = Command(connection, "COMMIT");

            var started = 0L;
            for (var i = -WarmUp; i < transactions; i++)
            {
                if (i == 0)
                {
                    started = Stopwatch.GetTimestamp();
                }

                await begin.ExecuteNonQueryAsync(cancellationToken);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await commit.ExecuteNonQueryAsync(cancellationToken);
            }

            return new BenchmarkResult("durable commits (WAL, synchronous=FULL)", transactions, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            Delete(path);
        }
    }

    /// <summary>
    /// Scheduling decisions through the store's API, one per write unit of work: offer a ready step to a runner
    /// (new attempt, next lease epoch, its event) and the step's Offer transition (optimistic update, its event),
    /// then a durable commit.
    /// </summary>
    public static Task<BenchmarkResult> MeasureSchedulingDecisionsAsync(string directory, int decisions, CancellationToken cancellationToken) =>
        MeasureSchedulingDecisionsAsync(directory, decisions, decisionsPerUnitOfWork: 1, cancellationToken);

    /// <summary>
    /// The same decisions, <paramref name="decisionsPerUnitOfWork"/> to a commit: what a scheduler tick gains by
    /// recording all its decisions in one transaction (one fsync) before acting on any of them.
    /// </summary>
    public static async Task<BenchmarkResult> MeasureSchedulingDecisionsAsync(string directory, int decisions, int decisionsPerUnitOfWork, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(decisionsPerUnitOfWork, 1);
        var path = Path.Combine(directory, $"decision-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = await SqliteStore.OpenAsync(path, TimeProvider.System, cancellationToken);
            var (steps, runner) = await PrepareReadyStepsAsync(store, WarmUp + decisions, cancellationToken);
            var leaseExpiry = TimeProvider.System.GetUtcNow().AddHours(1);

            await DecideAsync(store, steps[..WarmUp], runner, leaseExpiry, decisionsPerUnitOfWork, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            await DecideAsync(store, steps[WarmUp..], runner, leaseExpiry, decisionsPerUnitOfWork, cancellationToken);

            return new BenchmarkResult($"scheduling decisions (offer + transition + 2 events), {decisionsPerUnitOfWork} per commit", decisions, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            Delete(path);
        }
    }

    private static async Task DecideAsync(SqliteStore store, List<StepId> steps, RunnerId runner, DateTimeOffset leaseExpiry, int perUnitOfWork, CancellationToken cancellationToken)
    {
        foreach (var batch in steps.Chunk(perUnitOfWork))
        {
            await using var unit = await store.BeginAsync(cancellationToken);
            foreach (var step in batch)
            {
                var attempt = await unit.Attempts.OfferAsync(new NewAttempt(step, runner, leaseExpiry), cancellationToken);
                await unit.Steps.TransitionAsync(step, StepTrigger.Offer, StepState.Ready, new StepTransitionDetails { Attempt = attempt.Id }, cancellationToken);
            }

            await unit.CommitAsync(cancellationToken);
        }
    }

    private static async Task<(List<StepId> Steps, RunnerId Runner)> PrepareReadyStepsAsync(SqliteStore store, int count, CancellationToken cancellationToken)
    {
        await using var unit = await store.BeginAsync(cancellationToken);
        var revision = await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("bench", "bench.yaml", "name: bench\n", "sha256:bench"), cancellationToken);
        var run = await unit.Runs.CreateAsync(new NewRun(revision.WorkflowId, revision.Id), cancellationToken);
        await unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, cancellationToken);
        var runner = await unit.Runners.RegisterAsync(new NewRunner("bench", RunnerTokens.Issue().Hash, [], count), cancellationToken);
        var plan = await unit.Steps.CreatePlanAsync(run.Id, [.. Enumerable.Range(0, count).Select(i => new NewStep($"step-{i}", [], "{}"))], cancellationToken);
        foreach (var step in plan)
        {
            await unit.Steps.TransitionAsync(step.Id, StepTrigger.DependenciesMet, StepState.Pending, null, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return ([.. plan.Select(s => s.Id)], runner.Id);
    }

    /// <summary>One unpooled connection with the settings <see cref="SqliteStore"/> gives its write connection.</summary>
    private static async Task<SqliteConnection> OpenDurableAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", cancellationToken);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
