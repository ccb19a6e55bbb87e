using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Processes;

/// <summary>
/// The processes that belong to one step: every live process in the leader's group or session, every live
/// descendant of those (found through parent pids, so a child that called <c>setsid</c> while its parent is still
/// ours is included), and every such escaped descendant seen by an earlier scan that is still alive with the same
/// start time. What still escapes: a process that left the session and whose parent had already exited before any
/// scan saw it (a double fork into a daemon) — only a cgroup could hold on to that.
/// </summary>
internal sealed class ProcessGroupTarget
{
    private readonly Dictionary<int, long> _escapees = [];
    private readonly Lock _gate = new();

    /// <param name="processGroupId">The group (and session) the step's leader heads.</param>
    /// <param name="notStartedBefore">
    /// The leader's start time: nothing that started earlier can be the step's, which guards against a recycled id.
    /// </param>
    public ProcessGroupTarget(int processGroupId, long notStartedBefore = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(processGroupId, 1);
        if (ProcessTable.TryRead(Environment.ProcessId)?.ProcessGroupId == processGroupId)
        {
            // A corrupt record must never make the agent signal its own group (and so itself).
            throw new ArgumentException($"Process group {processGroupId} is the agent's own; refusing to target it.", nameof(processGroupId));
        }

        ProcessGroupId = processGroupId;
        NotStartedBefore = notStartedBefore;
    }

    public int ProcessGroupId { get; }

    public long NotStartedBefore { get; }

    /// <summary>Live members in <paramref name="snapshot"/>; remembers the ones outside the group for later scans.</summary>
    public IReadOnlyList<ProcessStat> FindMembers(IReadOnlyList<ProcessStat> snapshot)
    {
        var self = Environment.ProcessId;
        var alive = snapshot.Where(p => !p.IsDead && p.Pid != self && p.StartTime >= NotStartedBefore).ToList();
        var members = new Dictionary<int, ProcessStat>();
        lock (_gate)
        {
            foreach (var process in alive)
            {
                var escaped = _escapees.TryGetValue(process.Pid, out var start) && start == process.StartTime;
                if (process.ProcessGroupId == ProcessGroupId || process.SessionId == ProcessGroupId || escaped)
                {
                    members[process.Pid] = process;
                }
            }

            AddDescendants(alive, members);
            foreach (var member in members.Values.Where(IsOutsideGroup))
            {
                _escapees[member.Pid] = member.StartTime;
            }
        }

        return [.. members.Values];
    }

    /// <summary>Signals the group with one kill(-pgid) and each member outside it individually.</summary>
    public void Signal(IReadOnlyList<ProcessStat> members, UnixSignal signal)
    {
        _ = Libc.SignalGroup(ProcessGroupId, signal);
        foreach (var member in members.Where(IsOutsideGroup))
        {
            // ESRCH (gone meanwhile) and EPERM (became setuid) are both beyond our reach; the next scan tells.
            _ = Libc.SignalProcess(member.Pid, signal);
        }
    }

    private bool IsOutsideGroup(ProcessStat process) => process.ProcessGroupId != ProcessGroupId;

    private static void AddDescendants(List<ProcessStat> alive, Dictionary<int, ProcessStat> members)
    {
        var children = alive.ToLookup(p => p.ParentPid);
        var pending = new Queue<int>(members.Keys);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in children[parent])
            {
                if (members.TryAdd(child.Pid, child))
                {
                    pending.Enqueue(child.Pid);
                }
            }
        }
    }
}
