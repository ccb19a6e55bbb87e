using ControlPlane.Core.Events;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Events;

/// <summary>The <c>events</c> table: appended by every transition in the same transaction, read back by sequence.</summary>
internal sealed class EventLog : IEventLog
{
    private readonly StoreSession _session;

    public EventLog(StoreSession session)
    {
        _session = session;
    }

    public async Task<EventRecord> AppendAsync(NewEvent newEvent, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(AppendAsync));
        return await WriteAsync(
            new EventEntry(newEvent.Entity, newEvent.Kind)
            {
                RunId = newEvent.RunId?.Value,
                StepId = newEvent.StepId?.Value,
                AttemptId = newEvent.AttemptId?.Value,
                RunnerId = newEvent.RunnerId?.Value,
                DataJson = newEvent.DataJson,
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<EventRecord>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<EventRow>(
            "SELECT * FROM events WHERE sequence > @afterSequence ORDER BY sequence LIMIT @limit",
            new { afterSequence, limit },
            cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<EventRecord>> ReadRunAfterAsync(RunId runId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<EventRow>(
            "SELECT * FROM events WHERE run_id = @runId AND sequence > @afterSequence ORDER BY sequence LIMIT @limit",
            new { runId = runId.Value, afterSequence, limit },
            cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<EventRecord>> ReadRunLifecycleAsync(RunId runId, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<EventRow>(
            "SELECT * FROM events WHERE run_id = @runId AND entity = 'run' AND to_state IS NOT NULL ORDER BY sequence",
            new { runId = runId.Value },
            cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<EventRecord?> FindLastStepEventAsync(RunId runId, StepId stepId, string kind, CancellationToken cancellationToken)
    {
        // Through the run's index, newest first: the events table has no index by step.
        var row = await _session.SingleOrDefaultAsync<EventRow>(
            "SELECT * FROM events WHERE run_id = @runId AND step_id = @stepId AND kind = @kind ORDER BY sequence DESC LIMIT 1",
            new { runId = runId.Value, stepId = stepId.Value, kind },
            cancellationToken);
        return row?.ToRecord();
    }

    public async Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        await _session.ScalarAsync<long>("SELECT COALESCE(MAX(sequence), 0) FROM events", null, cancellationToken);

    /// <summary>Inserts an event in the current transaction; the caller has checked that writes are allowed.</summary>
    internal async Task<EventRecord> WriteAsync(EventEntry entry, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO events (at, entity, kind, run_id, step_id, attempt_id, runner_id, from_state, to_state, data_json)
            VALUES (@At, @Entity, @Kind, @RunId, @StepId, @AttemptId, @RunnerId, @FromState, @ToState, @DataJson)
            RETURNING *
            """;
        var row = await _session.SingleOrDefaultAsync<EventRow>(
            Sql,
            new { At = _session.NowMs(), entry.Entity, entry.Kind, entry.RunId, entry.StepId, entry.AttemptId, entry.RunnerId, entry.FromState, entry.ToState, entry.DataJson },
            cancellationToken);
        return row!.ToRecord();
    }
}
