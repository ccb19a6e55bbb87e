using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Notifications;

/// <summary>Notification and alert log messages; RunId and DeliveryId are named properties. URLs are never logged.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Debug, Message = "Queued {Deliveries} notifications from events up to {Sequence}")]
    public static partial void Queued(ILogger logger, int deliveries, long sequence);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Notification {DeliveryId} ({Event}, run {RunId}) delivered to {Endpoint} on attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, long deliveryId, string @event, long? runId, string endpoint, int attempt);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Notification {DeliveryId} ({Event}, run {RunId}) to {Endpoint} failed on attempt {Attempt}: {Error}; next try at {RetryAt}")]
    public static partial void AttemptFailed(ILogger logger, long deliveryId, string @event, long? runId, string endpoint, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 903, Level = LogLevel.Error, Message = "Notification {DeliveryId} ({Event}, run {RunId}) to {Endpoint} given up after {Attempt} attempts: {Error}")]
    public static partial void Dead(ILogger logger, long deliveryId, string @event, long? runId, string endpoint, int attempt, string error);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Circuit to {Endpoint} opened for {BreakDuration}; its notifications wait")]
    public static partial void CircuitOpened(ILogger logger, string endpoint, TimeSpan breakDuration);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "Circuit to {Endpoint} closed")]
    public static partial void CircuitClosed(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 906, Level = LogLevel.Warning, Message = "Alert {Rule} fired for workflow {Workflow}: {Message}")]
    public static partial void AlertFired(ILogger logger, string rule, string workflow, string message);

    [LoggerMessage(EventId = 907, Level = LogLevel.Error, Message = "The notification {Loop} loop failed; it carries on after {Delay}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop, TimeSpan delay);
}
