using System.Net;

namespace ControlPlane.Docker.Errors;

/// <summary>The daemon has no container with the given id or name (404).</summary>
public sealed class ContainerNotFoundException : DockerApiException
{
    public ContainerNotFoundException(string containerId, string daemonMessage, string operation)
        : base(HttpStatusCode.NotFound, daemonMessage, operation)
    {
        ContainerId = containerId;
    }

    public string ContainerId { get; }
}
