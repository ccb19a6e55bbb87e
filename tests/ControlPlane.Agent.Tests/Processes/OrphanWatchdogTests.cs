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
        watchdog.Watch(first.Recorded);
        watchdog.Watch(second.Recorded);

        watchdog.CloseInput();

        await Proc.WaitUntilAsync(() => first.LiveMembers().Count == 0 && second.LiveMembers().Count == 0, Patience, "both groups are gone");
    }

    [Fact]
    public async Task A_forgotten_group_is_left_alone()
    {
        using var kept = await ForgottenGroup.StartAsync("sleep 600");
        using var killed = await ForgottenGroup.StartAsync("sleep 600");
        using var watchdog = OrphanWatchdog.Start();
        watchdog.Watch(kept.Recorded);
        watchdog.Watch(killed.Recorded);
        watchdog.Forget(kept.Recorded);

        watchdog.CloseInput();

        await Proc.WaitUntilAsync(() => killed.LiveMembers().Count == 0, Patience, "the watched group is gone");
        await Proc.WaitUntilAsync(() => Proc.Read(watchdog.ProcessId)?.IsAlive != true, Patience, "the watchdog has exited");
        Assert.NotEmpty(kept.LiveMembers());
    }

    [Fact]
    public async Task A_group_is_forgotten_only_by_the_identity_it_was_watched_with()
    {
        using var group = await ForgottenGroup.StartAsync("sleep 600");
        using var watchdog = OrphanWatchdog.Start();
        watchdog.Watch(group.Recorded);

        // A stale forget: the same group id, led by an earlier process (another start time).
        watchdog.Forget(group.Recorded with { StartTime = group.Recorded.StartTime - 1 });
        Assert.True(watchdog.IsWatching(group.Recorded));

        watchdog.CloseInput();

        await Proc.WaitUntilAsync(() => group.LiveMembers().Count == 0, Patience, "the still watched group is gone");
        Assert.False(watchdog.IsWatching(group.Recorded with { StartTime = group.Recorded.StartTime + 1 }));
    }

    [Fact]
    public async Task Disposing_the_watchdog_kills_nothing()
    {
        using var group = await ForgottenGroup.StartAsync("sleep 600");
        var watchdog = OrphanWatchdog.Start();
        watchdog.Watch(group.Recorded);
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
