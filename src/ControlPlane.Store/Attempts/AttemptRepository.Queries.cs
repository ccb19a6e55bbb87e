using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Attempts;

/// <summary>The queries the lease monitor, the dispatcher and startup recovery ask of the attempts table.</summary>
internal sealed partial class AttemptRepository
{
    public Task<IReadOnlyList<AttemptRecord>> ListByStepAsync(StepId stepId, CancellationToken cancellationToken) =>
        ListAsync($"{AttemptRow.Select} WHERE a.step_id = @stepId ORDER BY a.number", new { stepId = stepId.Value }, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> ListExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ListAsync(
            $"{AttemptRow.Select} WHERE a.state IN ('offered', 'running') AND a.lease_expires_at < @now ORDER BY a.lease_expires_at, a.id LIMIT @limit",
            new { now = UnixMs.From(now), limit },
            cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> ListLiveAsync(CancellationToken cancellationToken) =>
        ListAsync($"{AttemptRow.Select} WHERE a.state IN ('offered', 'running') ORDER BY a.id", null, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> ListLiveByRunnerAsync(RunnerId runnerId, CancellationToken cancellationToken) =>
        ListAsync(
            $"{AttemptRow.Select} WHERE a.state IN ('offered', 'running') AND a.runner_id = @runnerId ORDER BY a.id",
            new { runnerId = runnerId.Value },
            cancellationToken);

    public async Task<IReadOnlyDictionary<RunnerId, int>> CountLiveByRunnerAsync(CancellationToken cancellationToken)
    {
        var counts = await _session.ListAsync<(long RunnerId, long Count)>(
            "SELECT runner_id, COUNT(*) FROM attempts WHERE state IN ('offered', 'running') GROUP BY runner_id",
            null,
            cancellationToken);
        return counts.ToDictionary(c => new RunnerId(c.RunnerId), c => (int)c.Count);
    }

    private async Task<IReadOnlyList<AttemptRecord>> ListAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<AttemptRow>(sql, parameters, cancellationToken)).Select(r => r.ToRecord())];
}
