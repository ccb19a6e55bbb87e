using ControlPlane.Agent.Processes;
using ControlPlane.Agent.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Processes;

public sealed class ProcessReattacherTests
{
    private readonly ProcessReattacher _reattacher = new(
        new ProcessTerminationOptions
        {
            InterruptGrace = TimeSpan.FromMilliseconds(200),
            TerminateGrace = TimeSpan.FromMilliseconds(200),
            PollInterval = TimeSpan.FromMilliseconds(20),
        },
        TimeProvider.System);

    [Fact]
    public async Task A_group_left_running_by_a_previous_agent_is_found_alive_and_killed_as_a_whole()
    {
        using var group = await ForgottenGroup.StartAsync("trap '' INT TERM; sleep 300 & sleep 300 & wait");
        await Proc.WaitUntilAsync(() => group.LiveMembers().Count == 3, TimeSpan.FromSeconds(5), "both sleeps run");

        var probe = ProcessReattacher.Probe(group.Recorded);
        var report = await _reattacher.KillAsync(group.Recorded, CancellationToken.None);

        Assert.Equal(ReattachStatus.Running, probe.Status);
        Assert.Equal(3, probe.Members.Count);
        Assert.Contains(group.Recorded.Pid, probe.Members);
        Assert.True(report.GroupGone);
        Assert.Empty(group.LiveMembers());
        Assert.Equal(ReattachStatus.Gone, ProcessReattacher.Probe(group.Recorded).Status);
    }

    [Fact]
    public async Task A_group_whose_leader_exited_is_found_orphaned_and_its_members_killed()
    {
        // The leader exits only once told to, after it was recorded: a fixed lifetime (0.3 s) ran out before the
        // recording under a CPU hog.
        using var release = new TempDirectory("cp-leader");
        var go = release.Combine("go");
        using var group = await ForgottenGroup.StartAsync($"sleep 300 & while [ ! -e {go} ]; do sleep 0.01; done");
        await File.WriteAllTextAsync(go, "");
        await Proc.WaitUntilAsync(() => !Proc.IsAlive(group.Recorded.Pid), TimeSpan.FromSeconds(5), "the leader exits");

        var probe = ProcessReattacher.Probe(group.Recorded);
        await _reattacher.KillAsync(group.Recorded, CancellationToken.None);

        Assert.Equal(ReattachStatus.Orphaned, probe.Status);
        Assert.Single(probe.Members);
        Assert.Empty(group.LiveMembers());
    }

    [Fact]
    public async Task A_reused_pid_is_refused_and_never_signalled()
    {
        using var group = await ForgottenGroup.StartAsync("sleep 300");

        // Same pid, different start time: what the record looks like when the pid now names another process.
        var stale = group.Recorded with { StartTime = group.Recorded.StartTime - 1 };

        Assert.Equal(ReattachStatus.NotOurs, ProcessReattacher.Probe(stale).Status);
        await Assert.ThrowsAsync<ProcessNotOursException>(() => _reattacher.KillAsync(stale, CancellationToken.None));
        Assert.True(Proc.IsAlive(group.Recorded.Pid));
    }

    [Fact]
    public async Task A_pid_recorded_without_its_start_time_cannot_be_verified_and_is_refused()
    {
        using var group = await ForgottenGroup.StartAsync("sleep 300");

        var probe = ProcessReattacher.Probe(group.Recorded with { StartTime = 0 });

        Assert.Equal(ReattachStatus.NotOurs, probe.Status);
    }

    [Fact]
    public async Task A_group_that_has_ended_or_belongs_to_another_boot_is_gone()
    {
        using var live = await ForgottenGroup.StartAsync("sleep 300");
        using var ended = await ForgottenGroup.StartAsync("sleep 0.2");
        await Proc.WaitUntilAsync(() => !Proc.IsAlive(ended.Recorded.Pid), TimeSpan.FromSeconds(5), "the script exits");

        Assert.Equal(ReattachStatus.Gone, ProcessReattacher.Probe(ended.Recorded).Status);
        Assert.Equal(ReattachStatus.Gone, ProcessReattacher.Probe(live.Recorded with { BootId = Guid.NewGuid().ToString() }).Status);
        Assert.Equal(TerminationReport.NothingToStop, await _reattacher.KillAsync(ended.Recorded, CancellationToken.None));
    }

    [Fact]
    public async Task A_record_naming_the_agents_own_process_group_is_never_signalled()
    {
        var own = Proc.Read(Environment.ProcessId)!;
        var bootId = (await File.ReadAllTextAsync("/proc/sys/kernel/random/boot_id")).Trim();
        var record = new ProcessIdentity(own.ProcessGroupId, own.ProcessGroupId, Proc.Read(own.ProcessGroupId)?.StartTime ?? 1, bootId);

        Assert.Equal(ReattachStatus.NotOurs, ProcessReattacher.Probe(record).Status);
        await Assert.ThrowsAsync<ProcessNotOursException>(() => _reattacher.KillAsync(record, CancellationToken.None));
    }
}
