using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Processes;

/// <summary>
/// After an agent restart, finds the process groups recorded in the state file and decides whether they are still
/// alive and still ours; kills them on request. A pid is ours only if its start time and boot id match the record: a
/// pid number can be reused, a (pid, start time, boot) triple cannot. A group id cannot be reused while any process
/// still carries it, so once the leader has exited, live processes with its group or session id are the step's
/// orphans. A residual race remains between the check and kill(2) (the group could end and its id be reused in
/// between); the window is milliseconds and the check is repeated right before signalling.
/// </summary>
public sealed class ProcessReattacher
{
    private readonly ProcessTerminationOptions _options;
    private readonly TimeProvider _timeProvider;

    public ProcessReattacher(ProcessTerminationOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Looks for the recorded group now; reads <c>/proc</c> only.</summary>
    public static ReattachProbe Probe(ProcessIdentity recorded)
    {
        if (recorded.BootId != ProcessTable.BootId)
        {
            return new ReattachProbe(ReattachStatus.Gone, []);
        }

        var snapshot = ProcessTable.Snapshot();
        if (snapshot.Any(p => p.Pid == Environment.ProcessId && p.ProcessGroupId == recorded.ProcessGroupId))
        {
            return new ReattachProbe(ReattachStatus.NotOurs, []);
        }

        var leader = snapshot.FirstOrDefault(p => p.Pid == recorded.Pid);
        var leaderPresent = leader.Pid == recorded.Pid;
        if (leaderPresent && (!recorded.HasStartTime || leader.StartTime != recorded.StartTime))
        {
            return new ReattachProbe(ReattachStatus.NotOurs, []);
        }

        var members = Target(recorded).FindMembers(snapshot).Select(p => p.Pid).ToList();
        if (leaderPresent && !leader.IsDead)
        {
            return new ReattachProbe(ReattachStatus.Running, members);
        }

        return new ReattachProbe(members.Count > 0 ? ReattachStatus.Orphaned : ReattachStatus.Gone, members);
    }

    /// <summary>
    /// Stops the recorded group as a cancel would (SIGINT, SIGTERM, SIGKILL with the configured graces) and returns
    /// once it is gone. Does nothing when it is already gone.
    /// </summary>
    /// <exception cref="ProcessNotOursException">The pid now belongs to another process.</exception>
    public async Task<TerminationReport> KillAsync(ProcessIdentity recorded, CancellationToken cancellationToken)
    {
        var probe = Probe(recorded);
        if (probe.Status == ReattachStatus.NotOurs)
        {
            throw new ProcessNotOursException(recorded);
        }

        if (!probe.IsAlive)
        {
            return TerminationReport.NothingToStop;
        }

        var terminator = new ProcessGroupTerminator(_options, _timeProvider);
        return await terminator.TerminateAsync(Target(recorded), UnixSignal.Interrupt, cancellationToken);
    }

    private static ProcessGroupTarget Target(ProcessIdentity recorded) => new(recorded.ProcessGroupId, recorded.StartTime);
}
