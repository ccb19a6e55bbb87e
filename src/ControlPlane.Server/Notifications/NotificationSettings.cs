using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Server.Hosting;
using ControlPlane.Settings;
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
        var problems = new List<string>();
        configuration = WithRuleWindowsAsTimeSpans(configuration, problems);
        try
        {
            configuration.GetSection(NotificationOptions.Section).Bind(options);
            configuration.GetSection(AlertOptions.Section).Bind(alerts);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"{NotificationOptions.Section}/{AlertOptions.Section}: {e.InnerException?.Message ?? e.Message}");
        }

        // The binder silently drops a list element it cannot convert; a rule or target that vanished must be said.
        ReportDropped(configuration, $"{NotificationOptions.Section}:Defaults", options.Defaults.Count, problems);
        ReportDropped(configuration, $"{AlertOptions.Section}:Rules", alerts.Rules.Count, problems);
        problems.AddRange(NotificationOptionsRules.Check(options, alerts));
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
    /// <summary>Rule windows may be written like durations in workflow files (<c>1h</c>) as well as TimeSpans.</summary>
    private static IConfiguration WithRuleWindowsAsTimeSpans(IConfiguration configuration, List<string> problems)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var rule in configuration.GetSection($"{AlertOptions.Section}:Rules").GetChildren())
        {
            var text = rule["Window"];
            if (string.IsNullOrEmpty(text) || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            if (DurationFormat.TryParse(text, out var window, out _))
            {
                overrides[$"{rule.Path}:Window"] = window.ToString("c", CultureInfo.InvariantCulture);
            }
            else
            {
                problems.Add($"{rule.Path}:Window: '{text}' is not a duration such as 1h, 30m or 01:00:00");
            }
        }

        return overrides.Count == 0
            ? configuration
            : new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
    }

    private static void ReportDropped(IConfiguration configuration, string path, int bound, List<string> problems)
    {
        var written = configuration.GetSection(path).GetChildren().Count();
        if (written != bound)
        {
            problems.Add($"{path}: {written - bound} of {written} entries could not be read (a value of the wrong type, e.g. an unknown Kind or Format)");
        }
    }
}
