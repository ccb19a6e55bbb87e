namespace ControlPlane.Docker.Transport;

/// <summary><c>HostConfig</c> of a create request: only what the executor sets.</summary>
internal sealed record HostConfigBody(string NetworkMode, IReadOnlyList<MountBody>? Mounts);
