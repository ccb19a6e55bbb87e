using ControlPlane.Agent.Processes;
using ControlPlane.Agent.Tests.Support;

namespace ControlPlane.Agent.Tests.Processes;

public sealed class OrphanWatchdogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task When_the_agent_goes_away_every_watched_group_is_killed()
    {
        using var first = await ForgottenGroup.StartAsync("sleep 600 & sleep 600");
        using var second = await ForgottenGroup.StartAsync("sleep 600");
        using var watchdog = OrphanWatchdog.Start();
        watchdog.Watch(first.Recorded.ProcessGroupId);
        watchdog.Watch(second.Recorded.ProcessGroupId);

        watchdog.CloseInput();

        await Proc.WaitUntilAsync(() => first.LiveMembers().Count == 0 && second.LiveMembers().Count == 0, Patience, "both groups are gone");
    }

    [Fact]
    public async Task A_forgotten_group_is_left_alone()
    {
        using var kept = await ForgottenGroup.StartAsync("sleep 600");
        using var killed = await ForgottenGroup.StartAsync("sleep 600");
        using var watchdog = OrphanWatchdog.Start();
        watchdog.Watch(kept.Recorded.ProcessGroupId);
        watchdog.Watch(killed.Recorded.ProcessGroupId);
        watchdog.Forget(kept.Recorded.ProcessGroupId);

        watchdog.CloseInput();

        await Proc.WaitUntilAsync(() => killed.LiveMembers().Count == 0, Patience, "the watched group is gone");
        await Proc.WaitUntilAsync(() => Proc.Read(watchdog.ProcessId)?.IsAlive != true, Patience, "the watchdog has exited");
        Assert.NotEmpty(kept.LiveMembers());
    }

    [Fact]
    public async Task Disposing_the_watchdog_kills_nothing()
    {
        using var group = await ForgottenGroup.StartAsync("sleep 600");
        var watchdog = OrphanWatchdog.Start();
        watchdog.Watch(group.Recorded.ProcessGroupId);
        var pid = watchdog.ProcessId;

        watchdog.Dispose();

        await Proc.WaitUntilAsync(() => Proc.Read(pid)?.IsAlive != true, Patience, "the watchdog has exited");
        Assert.NotEmpty(group.LiveMembers());
    }

    [Fact]
    public async Task A_step_not_yet_watched_is_found_by_the_marker_in_its_environment()
    {
        using var watchdog = OrphanWatchdog.Start();
        using var group = await ForgottenGroup.StartAsync($"export {OrphanWatchdog.InstanceVariable}={watchdog.Instance}; sleep 600 & sleep 600");
        using var stranger = await ForgottenGroup.StartAsync($"export {OrphanWatchdog.InstanceVariable}=another-agent; sleep 600");

        watchdog.CloseInput();

        await Proc.WaitUntilAsync(() => group.LiveMembers().Count == 0, Patience, "the marked processes are gone");
        await Proc.WaitUntilAsync(() => Proc.Read(watchdog.ProcessId)?.IsAlive != true, Patience, "the watchdog has exited");
        Assert.NotEmpty(stranger.LiveMembers());
    }
}
