using ControlPlane.Server.Hosting;
using ControlPlane.Server.Queries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Api;

/// <summary>Registers what the operator API's services need; the scheduling services come from <c>AddScheduling</c>.</summary>
public static class ApiServices
{
    /// <summary>Binds and validates the <c>Api</c> section now, so a bad setting stops the server before it starts.</summary>
    /// <exception cref="UsageException">A setting in the <c>Api</c> section cannot be used.</exception>
    public static IServiceCollection AddOperatorApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(LoadOptions(configuration)));
        services.AddSingleton<WorkflowApplier>();
        services.AddSingleton<WorkflowQueries>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<RunPreviewer>();
        services.AddSingleton<AttemptLogReader>();
        services.AddSingleton<RunEventFeed>();
        return services;
    }

    private static ApiOptions LoadOptions(IConfiguration configuration)
    {
        var options = ConfigurationSections.Bind<ApiOptions>(configuration, ApiOptions.Section);

        var result = new ApiOptionsValidator().Validate(null, options);
        return result.Failed ? throw new UsageException(string.Join("\n", result.Failures)) : options;
    }
}
