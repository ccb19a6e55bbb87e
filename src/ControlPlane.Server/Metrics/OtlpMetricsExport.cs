using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ControlPlane.Server.Metrics;

/// <summary>
/// Exports every <c>ControlPlane.*</c> meter over OTLP/HTTP (protobuf) every <see cref="MetricsOptions.OtlpInterval"/>,
/// while the server runs; on stop it flushes once more.
/// </summary>
/// <remarks>The OpenTelemetry SDK listens by meter name, process-wide: two servers in one process would both be exported
/// by each (only tests do that).</remarks>
public sealed class OtlpMetricsExport : IHostedService, IDisposable
{
    private readonly MetricsOptions _options;
    private readonly ILogger<OtlpMetricsExport> _logger;
    private MeterProvider? _provider;

    public OtlpMetricsExport(Microsoft.Extensions.Options.IOptions<MetricsOptions> options, ILogger<OtlpMetricsExport> logger, ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Where metrics are POSTed: the configured base address with <c>/v1/metrics</c>.</summary>
    public static Uri MetricsUri(string endpoint) => new(endpoint.TrimEnd('/') + "/v1/metrics");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var uri = MetricsUri(_options.OtlpEndpoint!);
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ServerMetrics.ExportedPrefix + "*")
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = uri;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)_options.OtlpInterval.TotalMilliseconds;
            })
            .Build();
        MetricsLog.OtlpExporting(_logger, uri, _options.OtlpInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _provider?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose() => _provider?.Dispose();
}
