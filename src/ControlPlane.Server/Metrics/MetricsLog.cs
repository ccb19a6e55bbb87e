namespace ControlPlane.Server.Metrics;

/// <summary>The metrics' structured log messages.</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Reading metrics from the store failed: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Exporting metrics over OTLP to {Endpoint} every {Interval}")]
    public static partial void OtlpExporting(ILogger logger, Uri endpoint, TimeSpan interval);
}
