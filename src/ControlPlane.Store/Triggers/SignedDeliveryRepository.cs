using ControlPlane.Core.Triggers;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Triggers;

/// <summary>The <c>signed_deliveries</c> table.</summary>
internal sealed class SignedDeliveryRepository : ISignedDeliveryRepository
{
    private readonly StoreSession _session;

    public SignedDeliveryRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<SignedDeliveryRecord?> FindAsync(string workflow, byte[] bodySha256, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var row = await _session.SingleOrDefaultAsync<SignedDeliveryRow>(
            """
            SELECT * FROM signed_deliveries
            WHERE workflow = @workflow AND body_sha256 = @bodySha256 AND received_at >= @notBefore
            """,
            new { workflow, bodySha256, notBefore = UnixMs.From(notBefore) },
            cancellationToken);
        return row?.ToRecord();
    }

    public async Task SaveAsync(SignedDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(SaveAsync));
        await _session.ExecuteAsync(
            """
            INSERT INTO signed_deliveries (workflow, body_sha256, run_id, received_at)
            VALUES (@Workflow, @BodySha256, @RunId, @ReceivedAt)
            ON CONFLICT (workflow, body_sha256) DO UPDATE SET run_id = excluded.run_id, received_at = excluded.received_at
            """,
            new
            {
                delivery.Workflow,
                delivery.BodySha256,
                RunId = delivery.RunId?.Value,
                ReceivedAt = UnixMs.From(delivery.ReceivedAt),
            },
            cancellationToken);
    }

    public async Task<int> DeleteReceivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(DeleteReceivedBeforeAsync));
        return await _session.ExecuteAsync(
            "DELETE FROM signed_deliveries WHERE received_at < @cutoff",
            new { cutoff = UnixMs.From(cutoff) },
            cancellationToken);
    }
}
