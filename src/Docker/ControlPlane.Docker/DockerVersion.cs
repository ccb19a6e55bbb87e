namespace ControlPlane.Docker;

/// <summary>What <c>GET /version</c> says about the daemon.</summary>
/// <param name="Version">Engine version, e.g. 20.10.24.</param>
/// <param name="ApiVersion">Newest API version the daemon serves.</param>
/// <param name="MinApiVersion">Oldest API version the daemon serves.</param>
/// <param name="Os">e.g. linux.</param>
/// <param name="Arch">e.g. amd64.</param>
/// <param name="KernelVersion">The host's kernel.</param>
public sealed record DockerVersion(string Version, string ApiVersion, string MinApiVersion, string Os, string Arch, string KernelVersion);
