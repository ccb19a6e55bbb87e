using System.Diagnostics.Metrics;
using ControlPlane.Server.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ControlPlane.Server.Metrics;

/// <summary>
/// Registers the metrics: the catalogue, the store snapshot and one OpenTelemetry <see cref="MeterProvider"/> that feeds
/// both the Prometheus scrape endpoint (<c>/metrics</c>) and, when configured, the OTLP exporter.
/// </summary>
public static class MetricsServices
{
    /// <summary>Call after the dispatch loop, so the transition counts start after startup recovery.</summary>
    /// <param name="options">From <see cref="LoadOptions"/>, read before the store is opened.</param>
    public static IServiceCollection AddServerMetrics(this IServiceCollection services, MetricsOptions options)
    {
        services.AddMetrics();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<MetricsSnapshotSource>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsSnapshotSource>());
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<Stats.RunStatsQuery>();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(ServerMetrics.ExportedPrefix + "*");

            // The SDK listens by meter name, process-wide: keep only this server's meters (and unowned ones), so two
            // servers in one process (tests) never report each other's measurements.
            ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
            {
                var own = sp.GetRequiredService<IMeterFactory>();
                builder.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
            });

            // No response cache: the gauges already come from a snapshot at most Metrics:SnapshotMaxAge old. No
            // target_info family and no otel_scope_name label: the exposition keeps the series it had before OpenTelemetry.
            metrics.AddPrometheusExporter(prometheus =>
            {
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                prometheus.TargetInfoEnabled = false;
                prometheus.ScopeInfoEnabled = false;
            });
            if (!string.IsNullOrEmpty(options.OtlpEndpoint))
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = OtlpMetricsUri(options.OtlpEndpoint);
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
                });
            }
        });
        return services;
    }

    /// <summary>
    /// Maps <c>GET /metrics</c> (unauthenticated, like most exporters) on every listener, and builds the meter provider
    /// and the instruments now: a measurement made before the provider listens would be lost.
    /// </summary>
    public static void MapMetrics(this IEndpointRouteBuilder app)
    {
        var provider = app.ServiceProvider.GetRequiredService<MeterProvider>();
        app.ServiceProvider.GetRequiredService<ServerMetrics>();
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            var logger = app.ServiceProvider.GetRequiredService<ILogger<ServerMetrics>>();
            var uri = OtlpMetricsUri(options.OtlpEndpoint);
            MetricsLog.OtlpExporting(logger, uri, options.OtlpInterval);
        }

        var snapshots = app.ServiceProvider.GetRequiredService<MetricsSnapshotSource>();
        app.MapPrometheusScrapingEndpoint("/metrics", provider, configureBranchedPipeline: scrape => scrape.Use(async (context, next) =>
        {
            // The instruments' callbacks read the snapshot synchronously: refresh it first if it is stale.
            await snapshots.GetAsync(context.RequestAborted);
            await next(context);
        }), optionsName: null);
    }

    /// <summary>Where OTLP metrics are POSTed: the configured base address with <c>/v1/metrics</c>.</summary>
    public static Uri OtlpMetricsUri(string endpoint) => new(endpoint.TrimEnd('/') + "/v1/metrics");

    /// <summary>The <c>Metrics</c> section, validated.</summary>
    /// <exception cref="UsageException">The section cannot be used.</exception>
    public static MetricsOptions LoadOptions(IConfiguration configuration)
    {
        var options = ConfigurationSections.Bind<MetricsOptions>(configuration, MetricsOptions.Section);

        if (options.OtlpEndpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new UsageException($"--otlp-endpoint: '{endpoint}' is not an http:// or https:// address");
        }

        if (options.SnapshotMaxAge < TimeSpan.Zero)
        {
            throw new UsageException($"{MetricsOptions.Section}:SnapshotMaxAge must not be negative, not {options.SnapshotMaxAge}");
        }

        return options.OtlpInterval < TimeSpan.FromMilliseconds(100)
            ? throw new UsageException($"{MetricsOptions.Section}:OtlpInterval must be at least 100ms, not {options.OtlpInterval}")
            : options;
    }
}
