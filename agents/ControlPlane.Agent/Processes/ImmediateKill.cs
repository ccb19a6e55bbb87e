using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Processes;

/// <summary>SIGKILL to a step's whole process group (and members that left it), skipping the cancel graces.</summary>
internal static class ImmediateKill
{
    public static void Group(ProcessIdentity leader)
    {
        var group = new ProcessGroupTarget(leader.ProcessGroupId, leader.StartTime);
        group.Signal(group.FindMembers(ProcessTable.Snapshot()), UnixSignal.Kill);
    }
}
