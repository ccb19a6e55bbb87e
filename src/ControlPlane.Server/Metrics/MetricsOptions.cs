namespace ControlPlane.Server.Metrics;

/// <summary>The <c>Metrics</c> section: how gauges are cached and where OTLP export goes.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// How long one read of the store's gauges (runs and steps by state, queue) serves scrapes; default 1 second, so
    /// a scrape storm costs SQLite at most one read per second.
    /// </summary>
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An OTLP/HTTP (protobuf) collector base address, e.g. <c>http://otel-collector:4318</c>; metrics are POSTed to
    /// <c>/v1/metrics</c> under it. Unset (the default) means no OTLP export.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often metrics are exported over OTLP; default 15 seconds.</summary>
    public TimeSpan OtlpInterval { get; set; } = TimeSpan.FromSeconds(15);
}
