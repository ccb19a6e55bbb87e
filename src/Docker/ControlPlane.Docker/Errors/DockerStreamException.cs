namespace ControlPlane.Docker.Errors;

/// <summary>
/// A container output stream was malformed (unknown stream type, ended inside a frame) or carried an error the
/// daemon reported in-band (stream type 3). Bytes before the failure were already delivered.
/// </summary>
public sealed class DockerStreamException : DockerException
{
    public DockerStreamException(string message)
        : base(message)
    {
    }
}
