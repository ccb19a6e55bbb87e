using ControlPlane.Server.Hosting;
using ControlPlane.Server.Scheduling;

namespace ControlPlane.Server.Tests.Scheduling;

public class SchedulerOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_the_failover_grace_is_twice_the_runner_lost_timeout()
    {
        var options = new SchedulerOptions();

        Assert.True(new SchedulerOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(
            (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 256),
            (options.HeartbeatInterval, options.RunnerLostTimeout, options.OfferTimeout, options.EffectiveFailoverGrace, options.MaxDecisionsPerTick));
        Assert.Equal(TimeSpan.FromMinutes(2), new SchedulerOptions { RunnerLostTimeout = TimeSpan.FromMinutes(1) }.EffectiveFailoverGrace);
    }

    [Fact]
    public void Every_bad_setting_is_named()
    {
        var options = new SchedulerOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(20),
            OfferTimeout = TimeSpan.Zero,
            FailoverGrace = TimeSpan.FromSeconds(-1),
            MaxDecisionsPerTick = 0,
        };

        var failures = new SchedulerOptionsValidator().Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("--offer-timeout: must be positive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("--heartbeat-interval: must be shorter than --runner-lost-timeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("--failover-grace: must not be negative", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduler:MaxDecisionsPerTick: must be at least 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Duration_flags_take_workflow_style_durations()
    {
        var values = ServerFlags.FromArguments(["--runner-lost-timeout", "1m30s", "--offer-timeout=500ms"]);

        Assert.Equal("00:01:30", values["Scheduler:RunnerLostTimeout"]);
        Assert.Equal("00:00:00.5000000", values["Scheduler:OfferTimeout"]);
        Assert.StartsWith("--failover-grace: invalid duration 'soon'", Assert.Throws<UsageException>(() => ServerFlags.FromArguments(["--failover-grace", "soon"])).Message, StringComparison.Ordinal);
        Assert.Equal("00:00:20", ServerFlags.FromEnvironment(name => name == "CP_HEARTBEAT_INTERVAL" ? "20s" : null)["Scheduler:HeartbeatInterval"]);
    }
}
