using ControlPlane.Core.Definitions;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Notifications;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Server.Tests.Notifications;

/// <summary>The Notifications and Alerts sections: defaults resolved into targets, every bad key named at start.</summary>
public class NotificationSettingsTests
{
    [Fact]
    public void Defaults_become_targets_and_alerts_go_to_them_without_an_alert_url()
    {
        var settings = Load(new()
        {
            ["Notifications:Defaults:0:Url"] = "https://chat.example/hook",
            ["Notifications:Defaults:0:On:0"] = "failed",
            ["Notifications:Defaults:0:On:1"] = "step_finished",
            ["Notifications:Defaults:0:Format"] = "slack",
            ["Notifications:Defaults:1:UrlEnv"] = "OPS_HOOK",
            ["Alerts:Rules:0:Name"] = "failing",
            ["Alerts:Rules:0:Kind"] = "RunFailed",
        });

        Assert.Equal(
            [
                new NotifyTarget("https://chat.example/hook", null, NotifyEvents.Failed | NotifyEvents.StepFinished, NotifyFormat.Slack, null),
                new NotifyTarget(null, "OPS_HOOK", NotifyEvents.Failed, NotifyFormat.Json, null),
            ],
            settings.Defaults);
        Assert.Equal(settings.Defaults, settings.AlertTargets);
        Assert.Equal(TimeSpan.FromHours(1), settings.Alerts.Rules[0].Window);
    }

    [Theory]
    [InlineData("1h", 60)]
    [InlineData("90m", 90)]
    [InlineData("01:30:00", 90)]
    public void A_rule_window_may_be_written_as_in_workflow_files_or_as_a_TimeSpan(string window, int minutes)
    {
        var settings = Load(new()
        {
            ["Notifications:Defaults:0:Url"] = "https://chat.example/hook",
            ["Alerts:Rules:0:Name"] = "failing",
            ["Alerts:Rules:0:Kind"] = "RunFailed",
            ["Alerts:Rules:0:Window"] = window,
        });

        var rule = Assert.Single(settings.Alerts.Rules);
        Assert.Equal(TimeSpan.FromMinutes(minutes), rule.Window);
    }

    [Fact]
    public void A_rule_window_that_is_no_duration_is_reported_with_its_key()
    {
        var error = Assert.Throws<UsageException>(() => Load(new()
        {
            ["Notifications:Defaults:0:Url"] = "https://chat.example/hook",
            ["Alerts:Rules:0:Name"] = "failing",
            ["Alerts:Rules:0:Kind"] = "RunFailed",
            ["Alerts:Rules:0:Window"] = "soon",
        }));

        Assert.Contains("Alerts:Rules:0:Window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key()
    {
        var error = Assert.Throws<UsageException>(() => Load(new()
        {
            ["Notifications:Defaults:0:On:0"] = "exploded",
            ["Notifications:BreakDuration"] = "00:00:00.1",
            ["Notifications:MaxAttempts"] = "0",
            ["Alerts:Rules:0:Name"] = "rate",
            ["Alerts:Rules:0:Kind"] = "SuccessRateBelow",
            ["Alerts:Rules:0:Threshold"] = "1.5",
            ["Alerts:Rules:1:Name"] = "rate",
            ["Alerts:Rules:1:Kind"] = "RunFailed",
        }));

        Assert.Equal(
            [
                "Notifications:MaxAttempts: must be at least 1, got 0",
                "Notifications:BreakDuration: must be at least 00:00:00.5000000, got 00:00:00.1000000",
                "Alerts:Rules:0:Threshold: must be above 0 and at most 1, got 1.5",
                "Alerts:Rules:1:Name: 'rate' is used by another rule",
                "Notifications:Defaults:0: needs exactly one of Url or UrlEnv",
                "Notifications:Defaults:0:On: unknown event 'exploded'; expected one of: started, succeeded, failed, cancelled, step_finished",
                "Alerts:Rules: alerts need somewhere to go: set Alerts:Url or Notifications:Defaults",
            ],
            error.Message.Split('\n'));
    }

    private static NotificationSettings Load(Dictionary<string, string?> values) =>
        NotificationSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
