namespace ControlPlane.Core.Notifications;

/// <summary>What one attempt came to and what happens to the delivery next.</summary>
/// <param name="Attempt">The attempt to record.</param>
/// <param name="NextState">Delivered, Dead, or Pending again with <paramref name="RetryAt"/>.</param>
/// <param name="RetryAt">Required when <paramref name="NextState"/> is Pending.</param>
public sealed record NotificationAttemptResult(NotificationAttemptRecord Attempt, DeliveryState NextState, DateTimeOffset? RetryAt);
