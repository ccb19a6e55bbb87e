namespace ControlPlane.Core.Triggers;

/// <summary>
/// Signed webhook bodies seen within the replay window (see <see cref="SignedDeliveryRecord"/>). The server looks a body
/// up, and records it in the unit of work that starts (or finds) the run, so a body and its run are written together.
/// </summary>
/// <remarks>Writes need a write unit of work, whose lock serializes them: a look-up there sees every committed record.</remarks>
public interface ISignedDeliveryRepository
{
    /// <returns>The record of <paramref name="bodySha256"/> for <paramref name="workflow"/> received at or after <paramref name="notBefore"/>, or null.</returns>
    Task<SignedDeliveryRecord?> FindAsync(string workflow, byte[] bodySha256, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Inserts the record, replacing an older one of the same workflow and body (one outside the window).</summary>
    Task SaveAsync(SignedDeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>Deletes every record received before <paramref name="cutoff"/>; idempotent.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteReceivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
