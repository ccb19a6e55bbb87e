using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Retention;

/// <summary>
/// Deletes history. Only finished runs (succeeded, failed, cancelled) are ever touched; a run that is queued,
/// running or cancelling keeps everything. Callers keep each unit of work to one small batch, because write units
/// of work are serialized with the scheduler's.
/// </summary>
public interface IRetentionRepository
{
    /// <summary>
    /// Up to <paramref name="limit"/> finished runs that finished before <paramref name="cutoff"/>, oldest first. The
    /// runs holding the largest run, step and attempt ids are never returned (nor deleted), so ids are never reused.
    /// </summary>
    Task<IReadOnlyList<RunId>> FindFinishedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the runs with their steps, attempts, log chunks, events and idempotency keys. Runs that are not
    /// finished (they were retried since they were found) and runs holding the largest ids are skipped.
    /// </summary>
    Task<PurgedRuns> DeleteRunsAsync(IReadOnlyList<RunId> runIds, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> events that belong to no run (runner events) older than <paramref name="cutoff"/>.</summary>
    Task<long> DeleteUnattachedEventsBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken);

    /// <summary>The bytes of every stored log chunk.</summary>
    Task<long> TotalLogBytesAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> finished runs that still hold log bytes, oldest finished first.</summary>
    Task<IReadOnlyList<RunId>> FindOldestFinishedWithLogsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the log chunks of the runs' attempts and marks those logs removed; the run, step and attempt records
    /// stay. Runs that are not finished are skipped.
    /// </summary>
    Task<DroppedLogs> DropLogsAsync(IReadOnlyList<RunId> runIds, CancellationToken cancellationToken);

    /// <summary>When retention removed the attempt's log; null while it is kept.</summary>
    Task<DateTimeOffset?> LogRemovedAtAsync(AttemptId attemptId, CancellationToken cancellationToken);
}
