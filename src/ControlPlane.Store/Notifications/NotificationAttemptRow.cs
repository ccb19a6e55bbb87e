using ControlPlane.Core.Notifications;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Notifications;

/// <summary>A <c>notification_attempts</c> row as SQLite returns it.</summary>
internal sealed class NotificationAttemptRow
{
    public long DeliveryId { get; set; }

    public long Number { get; set; }

    public long At { get; set; }

    public long? StatusCode { get; set; }

    public string? Error { get; set; }

    public long DurationMs { get; set; }

    public NotificationAttemptRecord ToRecord() => new(
        new NotificationDeliveryId(DeliveryId),
        (int)Number,
        UnixMs.ToTime(At),
        StatusCode is { } code ? (int)code : null,
        Error,
        TimeSpan.FromMilliseconds(DurationMs));
}
