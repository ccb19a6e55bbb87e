using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>One attempt of a docker step, as the agent received it.</summary>
/// <param name="Attempt">Which run, step and attempt; names the workspace directory and labels the container.</param>
/// <param name="Image">Image reference, e.g. <c>alpine:3.20</c>.</param>
/// <param name="RunnerName">This runner's name, put on the container so a restarted agent finds what it left.</param>
public sealed record DockerStep(AttemptKey Attempt, string Image, string RunnerName)
{
    /// <summary>Arguments after the entrypoint; empty keeps the image's CMD.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Replaces the image's ENTRYPOINT when not empty.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>Variables of the step, added to the image's; <c>CP_*</c> variables override them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where the command runs: an absolute path inside the container, or a path relative to the workspace (created if
    /// missing, refused if it leaves the workspace); null or empty for the workspace itself.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary><c>user</c>, <c>uid</c>, <c>user:group</c> or <c>uid:gid</c>; null or empty keeps the image's USER.</summary>
    public string? User { get; init; }

    public PullPolicy Pull { get; init; } = PullPolicy.IfMissing;

    /// <summary>Further workspace directories to mount; the workspace itself is always mounted.</summary>
    public IReadOnlyList<DockerMount> Mounts { get; init; } = [];

    /// <summary>
    /// How long the container may run, from its start, before it is stopped as timed out (pulling the image is not
    /// counted: a pull is bounded by the daemon, and cancelled with the step); null for no limit.
    /// </summary>
    public TimeSpan? Timeout { get; init; }
}
