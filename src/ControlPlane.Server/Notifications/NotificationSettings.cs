using ControlPlane.Core.Definitions;
using ControlPlane.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Server.Notifications;

/// <summary>The <c>Notifications</c> and <c>Alerts</c> sections, bound and checked, with their targets resolved.</summary>
public sealed class NotificationSettings
{
    private NotificationSettings(NotificationOptions options, AlertOptions alerts, IReadOnlyList<NotifyTarget> defaults, IReadOnlyList<NotifyTarget> alertTargets)
    {
        Options = options;
        Alerts = alerts;
        Defaults = defaults;
        AlertTargets = alertTargets;
    }

    public NotificationOptions Options { get; }

    public AlertOptions Alerts { get; }

    /// <summary>Server-wide targets for every workflow.</summary>
    public IReadOnlyList<NotifyTarget> Defaults { get; }

    /// <summary>Where alerts go: <c>Alerts:Url</c>, or else the defaults.</summary>
    public IReadOnlyList<NotifyTarget> AlertTargets { get; }

    /// <exception cref="UsageException">A setting cannot be used; the message lists every problem with its key.</exception>
    public static NotificationSettings Load(IConfiguration configuration)
    {
        var options = new NotificationOptions();
        var alerts = new AlertOptions();
        try
        {
            configuration.GetSection(NotificationOptions.Section).Bind(options);
            configuration.GetSection(AlertOptions.Section).Bind(alerts);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"{NotificationOptions.Section}/{AlertOptions.Section}: {e.InnerException?.Message ?? e.Message}");
        }

        var problems = NotificationOptionsRules.Check(options, alerts);
        var defaults = new List<NotifyTarget>();
        for (var i = 0; i < options.Defaults.Count; i++)
        {
            if (options.Defaults[i].ToTarget($"{NotificationOptions.Section}:Defaults:{i}", problems) is { } target)
            {
                defaults.Add(target);
            }
        }

        var alertTargets = defaults;
        if (!string.IsNullOrEmpty(alerts.Url) || !string.IsNullOrEmpty(alerts.UrlEnv))
        {
            var alertTarget = new NotifyTargetOptions { Url = alerts.Url, UrlEnv = alerts.UrlEnv, Format = alerts.Format, SecretEnv = alerts.SecretEnv }
                .ToTarget(AlertOptions.Section, problems);
            alertTargets = alertTarget is null ? [] : [alertTarget with { On = NotifyEvents.None }];
        }

        if (alerts.Rules.Count > 0 && alertTargets.Count == 0)
        {
            problems.Add($"{AlertOptions.Section}:Rules: alerts need somewhere to go: set {AlertOptions.Section}:Url or {NotificationOptions.Section}:Defaults");
        }

        return problems.Count > 0
            ? throw new UsageException(string.Join("\n", problems))
            : new NotificationSettings(options, alerts, defaults, alertTargets);
    }
}
