using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Server.Notifications;

/// <summary>Registers notifications and alerts: settings, the feeder and delivery loops, metrics and the API's queries.</summary>
public static class NotificationServices
{
    /// <summary>Loads the <c>Notifications</c> and <c>Alerts</c> sections now, so a bad setting stops the server before it starts.</summary>
    /// <exception cref="Hosting.UsageException">A setting cannot be used.</exception>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(NotificationSettings.Load(configuration));
        services.AddMetrics();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<NotificationFeeder>();
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationFeeder>());
        services.AddHostedService(provider => provider.GetRequiredService<NotificationSender>());
        return services;
    }
}
