namespace ControlPlane.Core.Notifications;

/// <summary>One HTTP attempt of a delivery.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="StatusCode">The HTTP status, or null when no response came (refused, timed out).</param>
/// <param name="Error">What went wrong; null for a 2xx.</param>
public sealed record NotificationAttemptRecord(
    NotificationDeliveryId DeliveryId,
    int Number,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    TimeSpan Duration);
