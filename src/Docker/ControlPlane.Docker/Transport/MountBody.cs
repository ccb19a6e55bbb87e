namespace ControlPlane.Docker.Transport;

/// <summary>One entry of <c>HostConfig.Mounts</c>.</summary>
internal sealed record MountBody(string Type, string Source, string Target, bool ReadOnly);
