namespace ControlPlane.Docker.Transport;

internal sealed record ContainerCreateResponse(string Id, IReadOnlyList<string>? Warnings);
