using ControlPlane.Core.Retention;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Retention;

/// <summary>
/// One retention pass: deletes finished runs older than <see cref="RetentionOptions.MaxAge"/>, then old runner
/// events, then removes the logs of the oldest finished runs while all logs exceed <see cref="RetentionOptions.MaxLogBytes"/>.
/// </summary>
/// <remarks>
/// Each batch is one short write unit of work. Write units are serialized with the scheduler's (see <see cref="IStore"/>)
/// and the store's lock hands over in arrival order, so between two batches every scheduler write that queued up runs
/// first: retention slows scheduling by at most one batch at a time, never blocks it. Queued, running and cancelling
/// runs are never touched; the store re-checks that inside each batch.
/// </remarks>
public sealed class RetentionSweep
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly RetentionOptions _options;
    private readonly ILogger<RetentionSweep> _logger;

    public RetentionSweep(IStore store, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionSweep> logger)
    {
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<RetentionReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var report = new RetentionReport(0, 0, 0, 0, 0);
        if (_options.MaxAge is { } maxAge)
        {
            report = await DeleteOldRunsAsync(_time.GetUtcNow() - maxAge, report, cancellationToken);
        }

        if (_options.MaxLogBytes is { } maxLogBytes)
        {
            report = await CapLogsAsync(maxLogBytes, report, cancellationToken);
        }

        return report;
    }

    private async Task<RetentionReport> DeleteOldRunsAsync(DateTimeOffset cutoff, RetentionReport report, CancellationToken cancellationToken)
    {
        while (true)
        {
            IReadOnlyList<Core.Runs.RunId> found;
            PurgedRuns purged;
            await using (var unit = await _store.BeginAsync(cancellationToken))
            {
                found = await unit.Retention.FindFinishedBeforeAsync(cutoff, _options.BatchSize, cancellationToken);
                purged = await unit.Retention.DeleteRunsAsync(found, cancellationToken);
                await unit.CommitAsync(cancellationToken);
            }

            report = report with
            {
                RunsDeleted = report.RunsDeleted + purged.Runs,
                EventsDeleted = report.EventsDeleted + purged.Events,
                LogBytesDeleted = report.LogBytesDeleted + purged.LogBytes,
                Batches = report.Batches + 1,
            };
            if (purged.Runs > 0)
            {
                RetentionLog.RunsDeleted(_logger, purged.Runs, cutoff, purged.Steps, purged.Attempts, purged.LogBytes, purged.Events, purged.IdempotencyKeys);
            }

            if (found.Count < _options.BatchSize)
            {
                break;
            }

            await Task.Yield();
        }

        while (true)
        {
            long events;
            await using (var unit = await _store.BeginAsync(cancellationToken))
            {
                events = await unit.Retention.DeleteUnattachedEventsBeforeAsync(cutoff, _options.BatchSize * 10, cancellationToken);
                await unit.CommitAsync(cancellationToken);
            }

            report = report with { EventsDeleted = report.EventsDeleted + events, Batches = report.Batches + 1 };
            if (events > 0)
            {
                RetentionLog.EventsDeleted(_logger, events, cutoff);
            }

            if (events < _options.BatchSize * 10)
            {
                return report;
            }

            await Task.Yield();
        }
    }

    private async Task<RetentionReport> CapLogsAsync(long maxLogBytes, RetentionReport report, CancellationToken cancellationToken)
    {
        long total;
        await using (var read = await _store.BeginReadAsync(cancellationToken))
        {
            total = await read.Retention.TotalLogBytesAsync(cancellationToken);
        }

        while (total > maxLogBytes)
        {
            var dropped = new DroppedLogs(0, 0, 0);
            await using (var unit = await _store.BeginAsync(cancellationToken))
            {
                // One run at a time inside the batch, so the cap is not overshot by a whole batch.
                foreach (var run in await unit.Retention.FindOldestFinishedWithLogsAsync(_options.BatchSize, cancellationToken))
                {
                    var one = await unit.Retention.DropLogsAsync([run], cancellationToken);
                    dropped = new DroppedLogs(dropped.Runs + one.Runs, dropped.Attempts + one.Attempts, dropped.Bytes + one.Bytes);
                    if (total - dropped.Bytes <= maxLogBytes)
                    {
                        break;
                    }
                }

                await unit.CommitAsync(cancellationToken);
            }

            total -= dropped.Bytes;
            report = report with
            {
                LogBytesDeleted = report.LogBytesDeleted + dropped.Bytes,
                RunsWithLogsRemoved = report.RunsWithLogsRemoved + dropped.Runs,
                Batches = report.Batches + 1,
            };
            if (dropped.Runs == 0)
            {
                // Only logs of unfinished runs are left: they are never touched.
                break;
            }

            RetentionLog.LogsRemoved(_logger, dropped.Runs, dropped.Attempts, dropped.Bytes, maxLogBytes, total);
            await Task.Yield();
        }

        return report;
    }
}
