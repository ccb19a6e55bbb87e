using ControlPlane.Docker.Streams;

namespace ControlPlane.Docker;

public sealed partial class DockerEngineClient
{
    public async Task<ContainerOutputStream> AttachAsync(string containerId, CancellationToken cancellationToken)
    {
        // Whether the stream is multiplexed depends on the container's TTY; API 1.41 does not say so in the headers.
        var details = await InspectContainerAsync(containerId, cancellationToken);

        // The daemon answers once the attachment is in place, then keeps the connection as a raw stream (no
        // Content-Length) and closes it when the process's stdout and stderr close.
        return await OpenOutputAsync(containerId, HttpMethod.Post, "attach?stream=1&stdout=1&stderr=1", details.Tty, $"attach to container {containerId}", cancellationToken);
    }

    public async Task<ContainerOutputStream> ReadLogsAsync(string containerId, bool follow, CancellationToken cancellationToken)
    {
        var details = await InspectContainerAsync(containerId, cancellationToken);
        var action = follow ? "logs?stdout=1&stderr=1&follow=1" : "logs?stdout=1&stderr=1";
        return await OpenOutputAsync(containerId, HttpMethod.Get, action, details.Tty, $"read logs of container {containerId}", cancellationToken);
    }

    private async Task<ContainerOutputStream> OpenOutputAsync(string containerId, HttpMethod method, string action, bool tty, string operation, CancellationToken cancellationToken)
    {
        var response = await SendToContainerAsync(method, containerId, action, cancellationToken, streamBody: true);
        try
        {
            await EnsureSuccessAsync(response, operation, ContainerMissing(containerId, operation), cancellationToken);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ContainerOutputStream(response, body, tty);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
