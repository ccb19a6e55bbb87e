using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Triggers;

/// <summary>Log messages of schedules and webhooks.</summary>
internal static partial class TriggerLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Schedule {Workflow}[{ScheduleIndex}] ({Cron}) fired for {FireTime:O}: run {RunId} (created: {Created})")]
    public static partial void ScheduleFired(ILogger logger, string workflow, int scheduleIndex, string cron, DateTimeOffset fireTime, long runId, bool created);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Schedule {Workflow}[{ScheduleIndex}] missed its fire time {FireTime:O} while the server was down; skipped (Schedules:Missed = Skip)")]
    public static partial void MissedFireSkipped(ILogger logger, string workflow, int scheduleIndex, DateTimeOffset fireTime);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "Schedule {Workflow}[{ScheduleIndex}] could not start a run for {FireTime:O}; this fire is skipped")]
    public static partial void ScheduleFireFailed(ILogger logger, Exception exception, string workflow, int scheduleIndex, DateTimeOffset fireTime);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "The schedule loop failed; it tries again in {Delay}")]
    public static partial void ScheduleLoopFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Schedule loop started: {Fired} schedules fired at once; missed fires: {Missed}")]
    public static partial void ScheduleLoopStarted(ILogger logger, int fired, Schedules.MissedSchedulePolicy missed);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Schedule {Workflow}[{ScheduleIndex}] names time zone {TimeZone}, which this server does not know; it will not fire")]
    public static partial void UnknownTimeZone(ILogger logger, string workflow, int scheduleIndex, string timeZone);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "Webhook for {Workflow} (delivery {DeliveryId}) started run {RunId} (created: {Created})")]
    public static partial void WebhookStartedRun(ILogger logger, string workflow, string deliveryId, long runId, bool created);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Webhook for {Workflow} (delivery {DeliveryId}) filtered out: {Reason}")]
    public static partial void WebhookFiltered(ILogger logger, string workflow, string deliveryId, string reason);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Warning, Message = "Webhook for {Workflow} refused with {StatusCode}: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string workflow, int statusCode, string reason);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Warning, Message = "Webhook for {Workflow} (delivery {DeliveryId}) replays a signed body first received at {ReceivedAt:O}; answered as a redelivery of run {RunId}")]
    public static partial void WebhookReplayed(ILogger logger, string workflow, string deliveryId, DateTimeOffset receivedAt, long? runId);
}
