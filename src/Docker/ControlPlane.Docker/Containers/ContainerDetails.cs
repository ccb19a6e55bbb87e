namespace ControlPlane.Docker.Containers;

/// <summary>What inspecting a container tells: enough to decide whether to reattach, wait or clean up.</summary>
public sealed record ContainerDetails
{
    public required string Id { get; init; }

    /// <summary>The name without the leading slash the API adds.</summary>
    public required string Name { get; init; }

    /// <summary>The image reference the container was created from.</summary>
    public required string Image { get; init; }

    public required ContainerStatus Status { get; init; }

    public required bool Running { get; init; }

    /// <summary>The main process's pid on the host; 0 when not running.</summary>
    public required int Pid { get; init; }

    /// <summary>The last exit code; meaningful once <see cref="Status"/> is <see cref="ContainerStatus.Exited"/>.</summary>
    public required int ExitCode { get; init; }

    public required bool OomKilled { get; init; }

    /// <summary>Why the daemon could not start or run it, if it says.</summary>
    public string? Error { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Whether it was created with a TTY (then its output is one raw stream, not stdout and stderr).</summary>
    public required bool Tty { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
