using System.Text.Json.Serialization;

namespace ControlPlane.Docker.Transport;

/// <summary>The parts of <c>GET /containers/{id}/json</c> the client reads.</summary>
internal sealed record ContainerInspectResponse(string Id, string? Name, ContainerStateBody? State, ContainerConfigBody? Config);

internal sealed record ContainerStateBody(
    string? Status,
    bool Running,
    int Pid,
    int ExitCode,
    [property: JsonPropertyName("OOMKilled")] bool OomKilled,
    string? Error,
    string? StartedAt,
    string? FinishedAt);

internal sealed record ContainerConfigBody(string? Image, bool Tty, Dictionary<string, string>? Labels);
