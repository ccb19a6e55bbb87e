namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// The Docker daemon failed a call of <see cref="ContainerEngine"/>, refused it, or could not be reached. The message
/// names what was being done and says why in the daemon's own words (or which endpoint did not answer).
/// </summary>
public class DockerEngineException : Exception
{
    public DockerEngineException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public DockerEngineException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Pulling an image failed: the registry was unreachable, the image or tag does not exist, access was denied, or a
/// layer failed. The daemon says so either as an error status up front or as an error message inside the progress
/// stream; both end here.
/// </summary>
public sealed class ImagePullException(string image, string reason, Exception? innerException = null)
    : DockerEngineException($"Pulling image '{image}' failed: {reason}", innerException)
{
    public string Image { get; } = image;

    /// <summary>What the daemon said.</summary>
    public string Reason { get; } = reason;
}
