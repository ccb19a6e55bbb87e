using System.Net;

namespace ControlPlane.Docker.Errors;

/// <summary>A container was to be created from an image the daemon does not have (404); pull it first.</summary>
public sealed class ImageNotFoundException : DockerApiException
{
    public ImageNotFoundException(string image, string daemonMessage, string operation)
        : base(HttpStatusCode.NotFound, daemonMessage, operation)
    {
        Image = image;
    }

    public string Image { get; }
}
