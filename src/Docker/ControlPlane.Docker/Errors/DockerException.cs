namespace ControlPlane.Docker.Errors;

/// <summary>The base of every error this client raises, so a caller can catch "Docker failed" in one place.</summary>
public class DockerException : Exception
{
    public DockerException(string message)
        : base(message)
    {
    }

    public DockerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
