namespace ControlPlane.Docker.Transport;

/// <summary>The body of <c>POST /containers/create</c>; property names are the API's.</summary>
internal sealed record ContainerCreateBody
{
    public required string Image { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Env { get; init; }

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public bool Tty { get; init; }

    public bool OpenStdin { get; init; }

    public bool StdinOnce { get; init; }

    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; }

    public bool AttachStderr { get; init; }

    public string? StopSignal { get; init; }

    public int? StopTimeout { get; init; }

    public required HostConfigBody HostConfig { get; init; }
}
