using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Notifications;

/// <summary>A queued notification as stored.</summary>
/// <param name="Attempts">HTTP attempts made so far (deferrals while a circuit is open do not count).</param>
/// <param name="NextAttemptAt">When the delivery loop takes it next, while pending.</param>
/// <param name="LastError">The last attempt's problem, e.g. <c>HTTP 503</c>; null after a success.</param>
public sealed record NotificationDeliveryRecord(
    NotificationDeliveryId Id,
    string Event,
    long? EventSequence,
    RunId? RunId,
    NotifyTarget Target,
    string Body,
    DeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? LastError);
