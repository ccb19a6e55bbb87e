namespace ControlPlane.Docker.Containers;

/// <summary>
/// What to create a container from. The container never gets a TTY and its stdin is closed, so its stdout and stderr
/// stay separate and a step cannot block waiting for input.
/// </summary>
public sealed record ContainerSpec
{
    /// <summary>Image reference, e.g. <c>alpine:3.20</c>; it must already exist locally (see <see cref="IDockerEngine.PullImageAsync"/>).</summary>
    public required string Image { get; init; }

    /// <summary>Container name; null lets the daemon choose one.</summary>
    public string? Name { get; init; }

    /// <summary>Arguments after the entrypoint; null keeps the image's CMD.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's ENTRYPOINT; null keeps it, an empty list clears it.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Added to the image's environment; these win on a name clash.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Absolute path inside the container; null keeps the image's WORKDIR.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary><c>user</c>, <c>uid</c>, <c>user:group</c> or <c>uid:gid</c>; null keeps the image's USER.</summary>
    public string? User { get; init; }

    /// <summary>
    /// Labels to find the container by later (<see cref="IDockerEngine.ListContainersAsync"/>), e.g. which agent and
    /// attempt own it, so a restarted agent can clean up what it left behind.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Host directories mounted into the container, e.g. the step's workspace.</summary>
    public IReadOnlyList<BindMount> Mounts { get; init; } = [];

    /// <summary>Signal a stop sends first, e.g. <c>SIGTERM</c> (the default) or <c>SIGINT</c>; null keeps the image's.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Grace period a stop without an explicit one allows; whole seconds, rounded up. Null: daemon default (10 s).</summary>
    public TimeSpan? StopTimeout { get; init; }

    /// <summary>
    /// <c>none</c> (the default: no network at all), <c>host</c>, <c>bridge</c> or a network's name. Daemons started
    /// with <c>--bridge=none</c> only offer <c>none</c> and <c>host</c>.
    /// </summary>
    public string NetworkMode { get; init; } = "none";
}
