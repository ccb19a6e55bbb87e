using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace ControlPlane.Server.Health;

/// <summary>
/// ASP.NET Core health checks of the host's lifetime, the store and the scheduler, served two ways: the standard
/// grpc.health.v1.Health service (Grpc.AspNetCore.HealthChecks; the server "" and every exposed service share one
/// status, and a NOT_SERVING Check carries its reason in a trailer) and plain <c>GET /healthz</c> ("ok", or 503
/// with the reason).
/// </summary>
public static class HealthServices
{
    public const string LifetimeCheck = "lifetime";
    public const string StoreCheck = "store";
    public const string SchedulerCheck = "scheduler";

    /// <summary>How often Watch streams see the checks run again.</summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddServerHealth(this IServiceCollection services, IEnumerable<ProtoService> exposed)
    {
        services.AddGrpcHealthChecks(options =>
            {
                foreach (var service in exposed)
                {
                    options.Services.Map(service.FullName, _ => true);
                }
            })
            .AddCheck<LifetimeHealthCheck>(LifetimeCheck)
            .AddCheck<StoreHealthCheck>(StoreCheck)
            .AddCheck<SchedulerHealthCheck>(SchedulerCheck);
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.Zero;
            options.Period = WatchPeriod;
        });
        services.AddSingleton<HealthReasonInterceptor>();
        return services;
    }

    public static IEndpointRouteBuilder MapServerHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteReasonAsync });
        return endpoints;
    }

    private static Task WriteReasonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync((HealthReason.Describe(report) ?? "ok") + "\n", Encoding.UTF8);
    }
}
