using ControlPlane.Core.Definitions;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Notifications;

/// <summary>A <c>notification_deliveries</c> row as SQLite returns it.</summary>
internal sealed class NotificationDeliveryRow
{
    public long Id { get; set; }

    public string Event { get; set; } = "";

    public long? EventSequence { get; set; }

    public long? RunId { get; set; }

    public string? Url { get; set; }

    public string? UrlEnv { get; set; }

    public string? SecretEnv { get; set; }

    public string OnEvents { get; set; } = "[]";

    public string Format { get; set; } = "";

    public string Body { get; set; } = "";

    public string State { get; set; } = "";

    public long Attempts { get; set; }

    public long NextAttemptAt { get; set; }

    public long CreatedAt { get; set; }

    public long? FinishedAt { get; set; }

    public string? LastError { get; set; }

    public NotificationDeliveryRecord ToRecord()
    {
        var on = JsonList.Read(OnEvents).Aggregate(NotifyEvents.None, (all, word) => all | NotifyEventNames.Words.GetValueOrDefault(word));
        var target = new NotifyTarget(Url, UrlEnv, on, EnumText.Parse<NotifyFormat>(Format), SecretEnv);
        return new NotificationDeliveryRecord(
            new NotificationDeliveryId(Id),
            Event,
            EventSequence,
            RunId is { } run ? new RunId(run) : null,
            target,
            Body,
            EnumText.Parse<DeliveryState>(State),
            (int)Attempts,
            UnixMs.ToTime(NextAttemptAt),
            UnixMs.ToTime(CreatedAt),
            UnixMs.ToTime(FinishedAt),
            LastError);
    }
}
