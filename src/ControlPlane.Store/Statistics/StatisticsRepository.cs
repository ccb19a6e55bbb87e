using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Statistics;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Statistics;

/// <summary>Aggregates over <c>runs</c>, <c>steps</c> and <c>attempts</c>, each answered from an index.</summary>
internal sealed class StatisticsRepository : IStatisticsRepository
{
    private readonly StoreSession _session;

    public StatisticsRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<IReadOnlyDictionary<RunState, long>> CountRunsByStateAsync(CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<StateCount>("SELECT state AS State, COUNT(*) AS Count FROM runs GROUP BY state", null, cancellationToken);
        return rows.ToDictionary(r => EnumText.Parse<RunState>(r.State), r => r.Count);
    }

    public async Task<IReadOnlyDictionary<StepState, long>> CountLiveStepsByStateAsync(CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<StateCount>(
            $"SELECT s.state AS State, COUNT(*) AS Count FROM runs r JOIN steps s ON s.run_id = r.id WHERE r.state IN ('queued', 'running', 'cancelling') GROUP BY s.state",
            null,
            cancellationToken);
        return rows.ToDictionary(r => EnumText.Parse<StepState>(r.State), r => r.Count);
    }

    public async Task<ReadyQueueStatus> ReadReadyQueueAsync(CancellationToken cancellationToken)
    {
        var row = await _session.SingleOrDefaultAsync<QueueRow>(
            "SELECT COUNT(*) AS Depth, MIN(ready_at) AS Oldest FROM steps WHERE state = 'ready'", null, cancellationToken);
        return new ReadyQueueStatus(row?.Depth ?? 0, UnixMs.ToTime(row?.Oldest));
    }

    public async Task<IReadOnlyDictionary<RunnerId, int>> CountLiveAttemptsByRunnerAsync(CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<RunnerCount>(
            "SELECT runner_id AS RunnerId, COUNT(*) AS Count FROM attempts WHERE state IN ('offered', 'running') GROUP BY runner_id",
            null,
            cancellationToken);
        return rows.ToDictionary(r => new RunnerId(r.RunnerId), r => (int)r.Count);
    }

    public async Task<IReadOnlyList<RunSample>> ListRunSamplesAsync(string? workflowName, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<SampleRow>(
            """
            SELECT r.id AS Id, r.state AS State, r.created_at AS CreatedAt, r.started_at AS StartedAt, r.finished_at AS FinishedAt
            FROM runs r JOIN workflows w ON w.id = r.workflow_id
            WHERE r.created_at >= @since AND (@workflowName IS NULL OR w.name = @workflowName)
            ORDER BY r.id
            """,
            new { since = UnixMs.From(since), workflowName },
            cancellationToken);
        return [.. rows.Select(r => new RunSample(new RunId(r.Id), EnumText.Parse<RunState>(r.State), UnixMs.ToTime(r.CreatedAt), UnixMs.ToTime(r.StartedAt), UnixMs.ToTime(r.FinishedAt)))];
    }

    public async Task<IReadOnlyList<StepFailureCount>> CountStepFailuresAsync(string? workflowName, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<FailureRow>(
            """
            SELECT step_key AS StepKey, SUM(step_failed) AS FailedSteps, SUM(attempts_failed) AS FailedAttempts
            FROM (
                SELECT s.step_key, s.state = 'failed' AS step_failed,
                       (SELECT COUNT(*) FROM attempts a WHERE a.step_id = s.id AND a.state = 'failed') AS attempts_failed
                FROM runs r JOIN workflows w ON w.id = r.workflow_id JOIN steps s ON s.run_id = r.id
                WHERE r.created_at >= @since AND (@workflowName IS NULL OR w.name = @workflowName)
            )
            GROUP BY step_key
            HAVING SUM(step_failed) > 0 OR SUM(attempts_failed) > 0
            ORDER BY FailedSteps DESC, FailedAttempts DESC, step_key
            """,
            new { since = UnixMs.From(since), workflowName },
            cancellationToken);
        return [.. rows.Select(r => new StepFailureCount(r.StepKey, r.FailedSteps, r.FailedAttempts))];
    }

    private sealed class StateCount
    {
        public string State { get; set; } = "";

        public long Count { get; set; }
    }

    private sealed class RunnerCount
    {
        public long RunnerId { get; set; }

        public long Count { get; set; }
    }

    private sealed class QueueRow
    {
        public long Depth { get; set; }

        public long? Oldest { get; set; }
    }

    private sealed class SampleRow
    {
        public long Id { get; set; }

        public string State { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? StartedAt { get; set; }

        public long? FinishedAt { get; set; }
    }

    private sealed class FailureRow
    {
        public string StepKey { get; set; } = "";

        public long FailedSteps { get; set; }

        public long FailedAttempts { get; set; }
    }
}
