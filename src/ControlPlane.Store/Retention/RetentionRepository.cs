using ControlPlane.Core.Attempts;
using ControlPlane.Core.Retention;
using ControlPlane.Core.Runs;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Retention;

/// <summary>
/// Deletes finished runs with their dependents, child tables first (foreign keys are on), and drops logs of finished
/// runs while keeping their records. Every statement re-checks that the run is finished, inside the caller's
/// transaction, so a run retried since it was found is never touched.
/// </summary>
internal sealed class RetentionRepository : IRetentionRepository
{
    private const string FinishedStates = "('succeeded', 'failed', 'cancelled')";
    private const string AttemptsOfRuns = "SELECT a.id FROM attempts a JOIN steps s ON s.id = a.step_id WHERE s.run_id IN @ids";

    // SQLite gives a new row the largest id plus one: deleting the rows with the largest run, step or attempt id
    // would hand those ids out again, and a client holding an old id would read someone else's run. The runs that
    // hold them are kept until newer ones exist.
    private const string KeepsNewestIds = """
        id < (SELECT MAX(id) FROM runs)
        AND id <> COALESCE((SELECT run_id FROM steps WHERE id = (SELECT MAX(id) FROM steps)), 0)
        AND id <> COALESCE((SELECT s.run_id FROM attempts a JOIN steps s ON s.id = a.step_id WHERE a.id = (SELECT MAX(id) FROM attempts)), 0)
        """;

    private readonly StoreSession _session;

    public RetentionRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<IReadOnlyList<RunId>> FindFinishedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        var ids = await _session.ListAsync<long>(
            $"SELECT id FROM runs WHERE state IN {FinishedStates} AND finished_at < @cutoff AND {KeepsNewestIds} ORDER BY finished_at, id LIMIT @limit",
            new { cutoff = UnixMs.From(cutoff), limit },
            cancellationToken);
        return [.. ids.Select(id => new RunId(id))];
    }

    public async Task<PurgedRuns> DeleteRunsAsync(IReadOnlyList<RunId> runIds, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(DeleteRunsAsync));
        var ids = await FinishedAsync(runIds, KeepsNewestIds, cancellationToken);
        if (ids.Count == 0)
        {
            return new PurgedRuns(0, 0, 0, 0, 0, 0, 0);
        }

        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var logs = await MeasureLogsAsync(ids, cancellationToken);
        await _session.ExecuteAsync($"DELETE FROM log_chunks WHERE attempt_id IN ({AttemptsOfRuns})", new { ids }, cancellationToken);
        var events = await _session.ExecuteAsync("DELETE FROM events WHERE run_id IN @ids", new { ids }, cancellationToken);
        var attempts = await _session.ExecuteAsync($"DELETE FROM attempts WHERE id IN ({AttemptsOfRuns})", new { ids }, cancellationToken);
        var steps = await _session.ExecuteAsync("DELETE FROM steps WHERE run_id IN @ids", new { ids }, cancellationToken);
        var keys = await _session.ExecuteAsync("DELETE FROM idempotency_keys WHERE run_id IN @ids", new { ids }, cancellationToken);

        // A run's notification outbox rows and their attempts go with it (they reference the run).
        await _session.ExecuteAsync(
            "DELETE FROM notification_attempts WHERE delivery_id IN (SELECT id FROM notification_deliveries WHERE run_id IN @ids)", new { ids }, cancellationToken);
        await _session.ExecuteAsync("DELETE FROM notification_deliveries WHERE run_id IN @ids", new { ids }, cancellationToken);
        var runs = await _session.ExecuteAsync("DELETE FROM runs WHERE id IN @ids", new { ids }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return new PurgedRuns(runs, steps, attempts, logs.Chunks, logs.Bytes, events, keys);
    }

    public async Task<long> DeleteUnattachedEventsBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(DeleteUnattachedEventsBeforeAsync));

        // By sequence, the primary key: events are appended in time order, so the oldest come first.
        return await _session.ExecuteAsync(
            """
            DELETE FROM events WHERE sequence IN (
                SELECT sequence FROM events
                WHERE run_id IS NULL AND step_id IS NULL AND attempt_id IS NULL AND at < @cutoff
                ORDER BY sequence LIMIT @limit)
            """,
            new { cutoff = UnixMs.From(cutoff), limit },
            cancellationToken);
    }

    public async Task<long> TotalLogBytesAsync(CancellationToken cancellationToken) =>
        await _session.ScalarAsync<long>("SELECT COALESCE(SUM(length(data)), 0) FROM log_chunks", null, cancellationToken);

    public async Task<IReadOnlyList<RunId>> FindOldestFinishedWithLogsAsync(int limit, CancellationToken cancellationToken)
    {
        var ids = await _session.ListAsync<long>(
            $"""
            SELECT r.id FROM runs r
            WHERE r.state IN {FinishedStates}
              AND EXISTS (SELECT 1 FROM steps s JOIN attempts a ON a.step_id = s.id
                          WHERE s.run_id = r.id AND a.log_removed_at IS NULL AND a.log_received > 0)
            ORDER BY r.finished_at, r.id LIMIT @limit
            """,
            new { limit },
            cancellationToken);
        return [.. ids.Select(id => new RunId(id))];
    }

    public async Task<DroppedLogs> DropLogsAsync(IReadOnlyList<RunId> runIds, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(DropLogsAsync));
        var ids = await FinishedAsync(runIds, "1 = 1", cancellationToken);
        if (ids.Count == 0)
        {
            return new DroppedLogs(0, 0, 0);
        }

        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var logs = await MeasureLogsAsync(ids, cancellationToken);
        await _session.ExecuteAsync($"DELETE FROM log_chunks WHERE attempt_id IN ({AttemptsOfRuns})", new { ids }, cancellationToken);
        var attempts = await _session.ExecuteAsync(
            $"UPDATE attempts SET log_removed_at = @now WHERE log_removed_at IS NULL AND log_received > 0 AND id IN ({AttemptsOfRuns})",
            new { ids, now = _session.NowMs() },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return new DroppedLogs(ids.Count, attempts, logs.Bytes);
    }

    public async Task<DateTimeOffset?> LogRemovedAtAsync(AttemptId attemptId, CancellationToken cancellationToken) =>
        UnixMs.ToTime(await _session.ScalarAsync<long?>("SELECT log_removed_at FROM attempts WHERE id = @id", new { id = attemptId.Value }, cancellationToken));

    private async Task<IReadOnlyList<long>> FinishedAsync(IReadOnlyList<RunId> runIds, string condition, CancellationToken cancellationToken) =>
        runIds.Count == 0
            ? []
            : await _session.ListAsync<long>(
                $"SELECT id FROM runs WHERE id IN @ids AND state IN {FinishedStates} AND {condition}",
                new { ids = runIds.Select(r => r.Value).ToArray() },
                cancellationToken);

    private async Task<LogMeasure> MeasureLogsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<LogMeasure>(
            $"SELECT COUNT(*) AS Chunks, COALESCE(SUM(length(data)), 0) AS Bytes FROM log_chunks WHERE attempt_id IN ({AttemptsOfRuns})",
            new { ids },
            cancellationToken))!;

    private sealed class LogMeasure
    {
        public long Chunks { get; set; }

        public long Bytes { get; set; }
    }
}
