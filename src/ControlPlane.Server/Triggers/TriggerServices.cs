using ControlPlane.Server.Hosting;
using ControlPlane.Server.Triggers.Schedules;
using ControlPlane.Server.Triggers.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers;

/// <summary>Registers schedules and webhooks; the scheduler's services (<c>AddScheduling</c>) and API auth come first.</summary>
public static class TriggerServices
{
    /// <summary>Everything but the hosted loop: the firer and the webhook receiver, with options bound from configuration.</summary>
    /// <exception cref="UsageException">A setting in the <c>Schedules</c> or <c>Webhooks</c> section cannot be used.</exception>
    public static IServiceCollection AddTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(ConfigurationSections.Bind<ScheduleOptions>(configuration, ScheduleOptions.Section)));
        var webhooks = ConfigurationSections.Bind<WebhookOptions>(configuration, WebhookOptions.Section);
        if (webhooks.MaxBodyBytes < 1)
        {
            throw new UsageException($"{WebhookOptions.Section}:MaxBodyBytes: must be at least 1, got {webhooks.MaxBodyBytes}");
        }

        if (webhooks.ReplayWindow < TimeSpan.FromMinutes(1) || webhooks.ReplayWindow > TimeSpan.FromDays(30))
        {
            throw new UsageException($"{WebhookOptions.Section}:ReplayWindow: must be between 1 minute and 30 days, got {webhooks.ReplayWindow}");
        }

        services.AddSingleton(Options.Create(webhooks));
        services.AddSingleton<ScheduleFirer>();
        services.AddSingleton<WebhookSecretRule>();
        services.AddSingleton<WebhookAuthenticator>();
        services.AddSingleton<SignedDeliveryLedger>();
        services.AddSingleton<WebhookReceiver>();
        return services;
    }

    /// <summary>The hosted schedule loop; registered as a singleton too so tests can watch its passes.</summary>
    public static IServiceCollection AddScheduleLoop(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleLoop>());
        return services;
    }
}
