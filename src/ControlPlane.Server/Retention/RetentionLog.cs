namespace ControlPlane.Server.Retention;

/// <summary>The retention job's structured log messages.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Retention is on: finished runs older than {MaxAge} are deleted, logs are capped at {MaxLogBytes} bytes; checked every {Interval}")]
    public static partial void Enabled(ILogger logger, TimeSpan? maxAge, long? maxLogBytes, TimeSpan interval);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Retention deleted {Runs} runs finished before {Cutoff} ({Steps} steps, {Attempts} attempts, {LogBytes} log bytes, {Events} events, {Keys} idempotency keys)")]
    public static partial void RunsDeleted(ILogger logger, long runs, DateTimeOffset cutoff, long steps, long attempts, long logBytes, long events, long keys);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Retention deleted {Events} runner events older than {Cutoff}")]
    public static partial void EventsDeleted(ILogger logger, long events, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Retention removed the logs of {Runs} runs ({Attempts} attempts, {LogBytes} bytes) to keep logs under {MaxLogBytes} bytes; {TotalBytes} bytes remain")]
    public static partial void LogsRemoved(ILogger logger, long runs, long attempts, long logBytes, long maxLogBytes, long totalBytes);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Retention pass failed; it is tried again in {Interval}")]
    public static partial void PassFailed(ILogger logger, Exception exception, TimeSpan interval);
}
