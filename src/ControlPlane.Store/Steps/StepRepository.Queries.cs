using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Steps;

/// <summary>The queries the scheduler loop asks of the steps table each tick.</summary>
internal sealed partial class StepRepository
{
    public async Task<IReadOnlyList<ReadyStep>> ListReadyAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<ReadyStepRow>(
            """
            SELECT s.*, r.workflow_id AS run_workflow_id, r.priority AS run_priority, r.concurrency_key AS run_concurrency_key
            FROM steps s JOIN runs r ON r.id = s.run_id
            WHERE s.state = 'ready' AND r.state = 'running'
            ORDER BY r.priority DESC, s.ready_at, s.id
            LIMIT @limit
            """,
            new { limit },
            cancellationToken);
        return [.. rows.Select(r => r.ToReadyStep())];
    }

    public async Task<IReadOnlyList<ReadyStep>> ListReadyPerWorkflowAsync(int perWorkflow, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<ReadyStepRow>(
            """
            SELECT * FROM (
                SELECT s.*, r.workflow_id AS run_workflow_id, r.priority AS run_priority, r.concurrency_key AS run_concurrency_key,
                    ROW_NUMBER() OVER (PARTITION BY r.workflow_id ORDER BY r.priority DESC, s.ready_at, s.id) AS workflow_rank
                FROM steps s JOIN runs r ON r.id = s.run_id
                WHERE s.state = 'ready' AND r.state = 'running')
            WHERE workflow_rank <= @perWorkflow
            ORDER BY run_priority DESC, ready_at, id
            """,
            new { perWorkflow },
            cancellationToken);
        return [.. rows.Select(r => r.ToReadyStep())];
    }

    public async Task<IReadOnlyList<StepRecord>> ListRetryDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<StepRow>(
            "SELECT * FROM steps WHERE state = 'waiting_for_retry' AND not_before <= @now ORDER BY not_before, id LIMIT @limit",
            new { now = UnixMs.From(now), limit },
            cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyDictionary<RunId, int>> CountActiveByRunAsync(CancellationToken cancellationToken)
    {
        var counts = await _session.ListAsync<(long RunId, long Count)>(
            "SELECT run_id, COUNT(*) FROM steps WHERE state IN ('offered', 'running') GROUP BY run_id",
            null,
            cancellationToken);
        return counts.ToDictionary(c => new RunId(c.RunId), c => (int)c.Count);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountActiveByConcurrencyKeyAsync(CancellationToken cancellationToken)
    {
        var counts = await _session.ListAsync<(string Key, long Count)>(
            """
            SELECT r.concurrency_key, COUNT(*)
            FROM steps s JOIN runs r ON r.id = s.run_id
            WHERE s.state IN ('offered', 'running') AND r.concurrency_key IS NOT NULL
            GROUP BY r.concurrency_key
            """,
            null,
            cancellationToken);
        return counts.ToDictionary(c => c.Key, c => (int)c.Count);
    }
}
