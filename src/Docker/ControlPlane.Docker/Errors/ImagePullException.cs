using System.Net;

namespace ControlPlane.Docker.Errors;

/// <summary>
/// Pulling an image failed: the registry was unreachable, the image or tag does not exist, access was denied, or a
/// layer failed mid-download. The daemon reports failures either as an error status before the progress stream
/// starts (<see cref="StatusCode"/> is set) or as an error message inside the stream (it is null).
/// </summary>
public sealed class ImagePullException : DockerException
{
    public ImagePullException(string image, string daemonMessage, HttpStatusCode? statusCode)
        : base($"Pulling image '{image}' failed: {daemonMessage}")
    {
        Image = image;
        DaemonMessage = daemonMessage;
        StatusCode = statusCode;
    }

    public string Image { get; }

    public string DaemonMessage { get; }

    public HttpStatusCode? StatusCode { get; }
}
