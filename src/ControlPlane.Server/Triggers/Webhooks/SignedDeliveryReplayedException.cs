using ControlPlane.Core.Triggers;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>A signed body arrived again within the replay window; <see cref="Earlier"/> is what the first one did.</summary>
public sealed class SignedDeliveryReplayedException(SignedDeliveryRecord earlier)
    : Exception($"an identical signed delivery for '{earlier.Workflow}' was received at {earlier.ReceivedAt:O}")
{
    public SignedDeliveryRecord Earlier { get; } = earlier;
}
