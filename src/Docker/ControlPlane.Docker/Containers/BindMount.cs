namespace ControlPlane.Docker.Containers;

/// <summary>
/// A host directory (or file) mounted into a container. The host path must exist: unlike the legacy <c>Binds</c>
/// syntax nothing is created on the host behind the caller's back.
/// </summary>
/// <param name="HostPath">Absolute path on the daemon's host.</param>
/// <param name="ContainerPath">Absolute path inside the container.</param>
/// <param name="ReadOnly">Mount read-only.</param>
public sealed record BindMount(string HostPath, string ContainerPath, bool ReadOnly = false);
