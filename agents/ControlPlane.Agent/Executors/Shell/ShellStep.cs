using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>One attempt of a shell step, as the agent received it.</summary>
/// <param name="Attempt">Which run, step and attempt; names the workspace directory.</param>
/// <param name="Script">The script body, written to a file and run by <see cref="Shell"/>.</param>
public sealed record ShellStep(AttemptKey Attempt, string Script)
{
    public ShellKind Shell { get; init; } = ShellKind.Bash;

    /// <summary>
    /// A directory relative to the workspace to run in (created if missing); null for the workspace itself. Absolute
    /// paths and paths that leave the workspace are refused.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables of the step; they override the agent's own, and <c>CP_*</c> variables override them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the step may run before it is stopped as timed out; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }
}
