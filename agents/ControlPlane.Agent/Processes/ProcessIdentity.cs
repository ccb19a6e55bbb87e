namespace ControlPlane.Agent.Processes;

/// <summary>
/// Names one process group leader across an agent restart: a pid alone can be reused by an unrelated process, so the
/// kernel's start time of the process (clock ticks after boot, field 22 of <c>/proc/&lt;pid&gt;/stat</c>) and the boot
/// id come with it. Recorded in the state file before a step is reported started.
/// </summary>
/// <param name="Pid">The leader's pid.</param>
/// <param name="ProcessGroupId">The group (and session) the leader heads; equal to <paramref name="Pid"/> for a shell step.</param>
/// <param name="StartTime">
/// Start time in clock ticks after boot; 0 when the leader had already exited and been reaped before it could be read.
/// </param>
/// <param name="BootId">The boot (<c>/proc/sys/kernel/random/boot_id</c>) the process started in.</param>
public sealed record ProcessIdentity(int Pid, int ProcessGroupId, long StartTime, string BootId)
{
    /// <summary>True when the start time is known, so the pid can be checked against reuse.</summary>
    public bool HasStartTime => StartTime > 0;
}
