namespace ControlPlane.Docker.Transport;

/// <summary>One element of <c>GET /containers/json</c>.</summary>
internal sealed record ContainerListItem(string Id, IReadOnlyList<string>? Names, string? Image, string? State, long Created, Dictionary<string, string>? Labels);
