using ControlPlane.Server.Hosting;
using ControlPlane.Server.Runners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Auth;

/// <summary>Registers API authentication; call before <c>AddRunnerProtocol</c> so registration accepts issued tokens.</summary>
public static class AuthServices
{
    /// <exception cref="UsageException">A setting in the <c>Auth</c> section cannot be used.</exception>
    public static IServiceCollection AddApiAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(LoadOptions(configuration)));
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<ApiTokenResolver>();
        services.AddSingleton<ApiAuthenticator>();
        services.AddSingleton<AuthInterceptor>();
        services.AddSingleton<TokenAdmin>();
        services.AddSingleton<StaticRegistrationTokens>();
        services.AddSingleton<IRegistrationTokenValidator, ApiRegistrationTokens>();
        return services;
    }

    private static AuthOptions LoadOptions(IConfiguration configuration)
    {
        var options = ConfigurationSections.Bind<AuthOptions>(configuration, AuthOptions.Section);

        if (options.TokenCacheDuration < TimeSpan.Zero || options.TokenCacheDuration > TimeSpan.FromMinutes(1))
        {
            throw new UsageException($"{AuthOptions.Section}:TokenCacheDuration: must be between 0 and 1 minute, got {options.TokenCacheDuration}");
        }

        if (options.TokenCacheSize < 1)
        {
            throw new UsageException($"{AuthOptions.Section}:TokenCacheSize: must be at least 1, got {options.TokenCacheSize}");
        }

        if (options.FailureLimit < 1)
        {
            throw new UsageException($"{AuthOptions.Section}:FailureLimit: must be at least 1, got {options.FailureLimit}");
        }

        return options.FailureWindow < TimeSpan.FromSeconds(1) || options.FailureWindow > TimeSpan.FromDays(1)
            ? throw new UsageException($"{AuthOptions.Section}:FailureWindow: must be between 1 second and 1 day, got {options.FailureWindow}")
            : options;
    }
}
