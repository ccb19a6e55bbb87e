using ControlPlane.Core.Runners;

namespace ControlPlane.Core.Attempts;

/// <summary>
/// The right of one runner to work on one attempt until <see cref="ExpiresAt"/>. Everything the runner reports
/// about the attempt carries <see cref="Epoch"/>; the store refuses a report whose epoch is not the current one.
/// </summary>
public sealed record Lease(AttemptId AttemptId, RunnerId RunnerId, long Epoch, DateTimeOffset ExpiresAt);
