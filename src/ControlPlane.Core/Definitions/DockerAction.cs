namespace ControlPlane.Core.Definitions;

/// <summary>A container run to completion; its exit code is the step's.</summary>
public sealed record DockerAction : StepAction
{
    public override string Kind => "docker";

    public required string Image { get; init; }

    /// <summary>Arguments; a command written as one string becomes <c>["/bin/sh", "-c", text]</c>.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Overrides the image's entrypoint; a string is one executable path.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public PullPolicy Pull { get; init; } = PullPolicy.IfMissing;

    public IReadOnlyList<DockerMount> Mounts { get; init; } = [];
}
