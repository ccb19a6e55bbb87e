using System.Text.Json.Serialization;

namespace ControlPlane.Docker.Transport;

internal sealed record VersionResponse(
    string? Version,
    string? ApiVersion,
    [property: JsonPropertyName("MinAPIVersion")] string? MinApiVersion,
    string? Os,
    string? Arch,
    string? KernelVersion);
