using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Notifications;

/// <summary>A notification to enqueue: the body is rendered when queued, the URL and secret resolved when sent.</summary>
/// <param name="Event">e.g. <c>run.failed</c>, <c>step.finished</c>, <c>alert.run_failed</c>.</param>
/// <param name="EventSequence">The event-log row it was made from; null for alerts from the periodic check.</param>
/// <param name="Body">The request body as sent (JSON payload or Slack text payload).</param>
public sealed record NewNotificationDelivery(
    string Event,
    long? EventSequence,
    RunId? RunId,
    NotifyTarget Target,
    string Body,
    DateTimeOffset DueAt);
