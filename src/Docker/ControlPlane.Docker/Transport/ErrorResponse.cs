using System.Text.Json.Serialization;

namespace ControlPlane.Docker.Transport;

/// <summary>The body of every error status: <c>{"message": "..."}</c>.</summary>
internal sealed record ErrorResponse([property: JsonPropertyName("message")] string? Message);
