using System.Net;

namespace ControlPlane.Docker.Errors;

/// <summary>The daemon answered a request with an error status; carries the status and the daemon's own message.</summary>
public class DockerApiException : DockerException
{
    public DockerApiException(HttpStatusCode statusCode, string daemonMessage, string operation)
        : base($"{operation}: the Docker daemon answered {(int)statusCode} {statusCode}: {daemonMessage}")
    {
        StatusCode = statusCode;
        DaemonMessage = daemonMessage;
        Operation = operation;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>message</c> field of the daemon's error body (or the raw body when it was not JSON).</summary>
    public string DaemonMessage { get; }

    /// <summary>What the client was doing, e.g. "start container 3f2a…".</summary>
    public string Operation { get; }
}
