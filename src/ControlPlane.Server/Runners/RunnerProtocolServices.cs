using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Server.Runners;

/// <summary>Registers the runner protocol; the host adds the scheduler, the store and <see cref="RunnerProtocolOptions"/>.</summary>
public static class RunnerProtocolServices
{
    /// <param name="secrets">The secrets steps can read, loaded at start (see <see cref="SecretValues.Load"/>).</param>
    public static IServiceCollection AddRunnerProtocol(this IServiceCollection services, SecretValues secrets)
    {
        services.AddSingleton(secrets);
        services.TryAddSingleton<IRegistrationTokenValidator, StaticRegistrationTokens>();
        services.AddSingleton<RunnerRegistration>();
        services.AddSingleton<RunnerAuthenticator>();
        services.AddSingleton<RunnerHandshake>();
        services.AddSingleton<OfferContextReader>();
        services.AddSingleton<StepSpecResolver>();
        services.AddSingleton<CommandTranslator>();
        services.AddSingleton<AgentMessageHandler>();
        services.AddSingleton<RunnerStreams>();
        return services;
    }
}
