using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.State;

/// <summary>
/// An attempt this agent started and has not finished, as recorded before the start was reported: enough to find
/// its processes or container again after an agent restart and to resume shipping its log.
/// </summary>
/// <param name="Attempt">Which attempt.</param>
/// <param name="Workspace">Its workspace directory.</param>
public sealed record RunningAttempt(AttemptKey Attempt, string Workspace)
{
    /// <summary>The shell's process group leader (pid, pgid, start time, boot); null for a container step.</summary>
    public ProcessIdentity? Process { get; init; }

    /// <summary>The container running the step; null for a shell step.</summary>
    public string? ContainerId { get; init; }

    /// <summary>The log offset the server had acknowledged when this record was last written.</summary>
    public long AcknowledgedLogOffset { get; init; }

    /// <summary>When the attempt started on this agent.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The server's id of the attempt.</summary>
    public long AttemptId { get; init; }

    /// <summary>The lease epoch the agent holds it under; changes when a reconnect re-grants the lease.</summary>
    public long LeaseEpoch { get; init; }

    /// <summary>How it ended, once it has; kept until the server has confirmed the report.</summary>
    public AttemptEnd? End { get; init; }
}
