using ControlPlane.Server.Queries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Server.Api;

/// <summary>Registers what the operator API's services need; the scheduling services come from <c>AddScheduling</c>.</summary>
public static class ApiServices
{
    public static IServiceCollection AddOperatorApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddSingleton<WorkflowApplier>();
        services.AddSingleton<WorkflowQueries>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<RunPreviewer>();
        services.AddSingleton<AttemptLogReader>();
        return services;
    }
}
