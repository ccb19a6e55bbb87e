using ControlPlane.Core.Definitions;
using ControlPlane.Core.Events;

namespace ControlPlane.Server.Notifications;

/// <summary>Which event-log rows are notifications: the run's start and end, and each step's end.</summary>
public static class NotificationEventKinds
{
    /// <summary>The notification event name and the subscription it needs, or null for rows nobody is told about.</summary>
    public static (string Event, NotifyEvents Flag)? Classify(EventRecord record) =>
        (record.Entity, record.ToState) switch
        {
            ("run", "running") => ("run.started", NotifyEvents.Started),
            ("run", "succeeded") => ("run.succeeded", NotifyEvents.Succeeded),
            ("run", "failed") => ("run.failed", NotifyEvents.Failed),
            ("run", "cancelled") => ("run.cancelled", NotifyEvents.Cancelled),
            ("step", "succeeded" or "failed" or "skipped" or "cancelled") => ("step.finished", NotifyEvents.StepFinished),
            _ => null,
        };

    /// <summary>True for the events that end a run (what alert rules look at).</summary>
    public static bool EndsRun(string notificationEvent) => notificationEvent is "run.succeeded" or "run.failed" or "run.cancelled";
}
