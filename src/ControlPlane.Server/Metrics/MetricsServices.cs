using ControlPlane.Server.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Metrics;

/// <summary>Registers the metrics: the catalogue, the store snapshot, the <c>/metrics</c> collector and the optional OTLP export.</summary>
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
        services.AddSingleton<PrometheusCollector>();
        services.AddSingleton<Stats.RunStatsQuery>();
        if (!string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            services.AddHostedService<OtlpMetricsExport>();
        }

        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> (unauthenticated, like most exporters), starts the collector and creates the instruments.</summary>
    public static void MapMetrics(this IEndpointRouteBuilder app)
    {
        // Both now: a measurement made before the collector listens would be lost.
        app.ServiceProvider.GetRequiredService<PrometheusCollector>();
        app.ServiceProvider.GetRequiredService<ServerMetrics>();
        app.MapGet("/metrics", async (MetricsSnapshotSource snapshots, PrometheusCollector collector, CancellationToken cancellationToken) =>
        {
            await snapshots.GetAsync(cancellationToken);
            return Results.Text(PrometheusTextWriter.Write(collector.Collect()), PrometheusTextWriter.ContentType);
        });
    }

    /// <summary>The <c>Metrics</c> section, validated.</summary>
    /// <exception cref="UsageException">The section cannot be used.</exception>
    public static MetricsOptions LoadOptions(IConfiguration configuration)
    {
        var options = new MetricsOptions();
        try
        {
            configuration.GetSection(MetricsOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"{MetricsOptions.Section}: {e.InnerException?.Message ?? e.Message}");
        }

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
