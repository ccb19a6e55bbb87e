using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.IdempotencyKeys;

/// <summary>The <c>idempotency_keys</c> table; keys are claimed by <see cref="Runs.RunRepository.CreateAsync"/>.</summary>
internal sealed class IdempotencyKeyRepository : IIdempotencyKeyRepository
{
    private readonly StoreSession _session;

    public IdempotencyKeyRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<RunId?> FindRunAsync(string key, CancellationToken cancellationToken) =>
        await _session.ScalarAsync<long?>("SELECT run_id FROM idempotency_keys WHERE key = @key", new { key }, cancellationToken) is { } id
            ? new RunId(id)
            : null;

    public async Task<int> ForgetClaimedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(ForgetClaimedBeforeAsync));
        return await _session.ExecuteAsync("DELETE FROM idempotency_keys WHERE created_at < @cutoff", new { cutoff = UnixMs.From(cutoff) }, cancellationToken);
    }

    /// <summary>Claims <paramref name="key"/> for <paramref name="runId"/>; returns the run that already holds it, or null if the claim succeeded.</summary>
    internal async Task<RunId?> TryClaimAsync(string key, RunId runId, CancellationToken cancellationToken)
    {
        var claimed = await _session.ExecuteAsync(
            "INSERT INTO idempotency_keys (key, run_id, created_at) VALUES (@key, @runId, @now) ON CONFLICT (key) DO NOTHING",
            new { key, runId = runId.Value, now = _session.NowMs() },
            cancellationToken);
        return claimed == 1 ? null : await FindRunAsync(key, cancellationToken);
    }
}
