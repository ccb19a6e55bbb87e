namespace ControlPlane.Docker.Errors;

/// <summary>
/// The daemon could not be reached: the socket does not exist, refuses connections, or the connection broke before
/// an answer arrived. Retrying later may succeed; nothing about the request is known to have happened.
/// </summary>
public sealed class DockerUnavailableException : DockerException
{
    public DockerUnavailableException(string socketPath, Exception innerException)
        : base($"The Docker daemon is not answering on unix://{socketPath}: {innerException.Message}", innerException)
    {
        SocketPath = socketPath;
    }

    public string SocketPath { get; }
}
