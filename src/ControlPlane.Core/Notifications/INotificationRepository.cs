using ControlPlane.Core.Runs;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Notifications;

/// <summary>
/// The notification outbox, its feed cursor, delivery attempts and alert firings. The feeder enqueues and advances
/// the cursor in one unit of work, so an event is turned into deliveries exactly once across crashes; the delivery
/// loop records each attempt with its outcome in one unit of work.
/// </summary>
public interface INotificationRepository
{
    /// <summary>The last event-log sequence the feeder has handled (0 before the first).</summary>
    Task<long> GetCursorAsync(CancellationToken cancellationToken);

    /// <summary>Moves the cursor; it never moves back.</summary>
    Task SetCursorAsync(long sequence, CancellationToken cancellationToken);

    Task<NotificationDeliveryRecord> EnqueueAsync(NewNotificationDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Pending deliveries due at or before <paramref name="now"/>, oldest due first.</summary>
    Task<IReadOnlyList<NotificationDeliveryRecord>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest next attempt time of any pending delivery, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken);

    /// <summary>Records an attempt and moves the delivery on (delivered, dead, or pending until the retry time).</summary>
    /// <exception cref="Storage.EntityNotFoundException">No such delivery.</exception>
    Task RecordAttemptAsync(NotificationAttemptResult result, CancellationToken cancellationToken);

    /// <summary>Puts a pending delivery off without an attempt, e.g. while its endpoint's circuit is open.</summary>
    Task DeferAsync(NotificationDeliveryId id, DateTimeOffset until, CancellationToken cancellationToken);

    Task<IReadOnlyList<NotificationDeliveryRecord>> ListAsync(NotificationDeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>The attempts of these deliveries, by delivery then number.</summary>
    Task<IReadOnlyList<NotificationAttemptRecord>> ListAttemptsAsync(IReadOnlyList<NotificationDeliveryId> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Records that an alert fires for <paramref name="subject"/> unless it already fired within
    /// <paramref name="window"/> before <paramref name="now"/>: at most once per rule, subject and window.
    /// </summary>
    /// <returns>True when the caller should send the alert.</returns>
    Task<bool> TryFireAlertAsync(string rule, string subject, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The workflow's runs that finished from <paramref name="since"/> to <paramref name="until"/> (both included), by how they ended.</summary>
    Task<WorkflowRunStats> RunStatsAsync(WorkflowId workflow, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Durations (start to finish) of the workflow's latest succeeded runs, newest first.</summary>
    Task<IReadOnlyList<TimeSpan>> RecentSucceededDurationsAsync(WorkflowId workflow, int limit, CancellationToken cancellationToken);

    /// <summary>Running runs started at or before <paramref name="startedBefore"/>.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunningStartedBeforeAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken);
}
