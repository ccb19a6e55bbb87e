namespace ControlPlane.Agent.Processes;

/// <summary>What became of a recorded process group while the agent was away.</summary>
public enum ReattachStatus
{
    /// <summary>Nothing of the step is alive (or the machine rebooted since).</summary>
    Gone,

    /// <summary>The leader is alive and is the very process recorded (same pid, start time and boot).</summary>
    Running,

    /// <summary>The leader has exited but processes of its group or session are still alive.</summary>
    Orphaned,

    /// <summary>
    /// The pid now belongs to another process (different start time), or the start time was never recorded so the
    /// pid cannot be verified: it must not be signalled.
    /// </summary>
    NotOurs,
}
