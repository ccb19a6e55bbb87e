using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Triggers;

/// <summary>
/// A signed webhook body a workflow received, kept for the replay window so the same signed body sent again (under
/// any delivery id) answers as a redelivery instead of starting another run.
/// </summary>
/// <param name="Workflow">The workflow name from the URL.</param>
/// <param name="BodySha256">The SHA-256 of the raw body (32 bytes); the signature is a function of it and the secret.</param>
/// <param name="RunId">The run the delivery started or found; null when the filter started none.</param>
/// <param name="ReceivedAt">When it was first accepted.</param>
public sealed record SignedDeliveryRecord(string Workflow, byte[] BodySha256, RunId? RunId, DateTimeOffset ReceivedAt);
