using System.Globalization;
using System.Net;
using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Transport;

namespace ControlPlane.Docker;

public sealed partial class DockerEngineClient
{
    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Image);
        var operation = $"create container from {spec.Image}";
        var path = spec.Name is null ? "containers/create" : $"containers/create?name={Escape(spec.Name)}";
        using var content = DockerHttp.Json(ContainerCreateBodies.From(spec), DockerJsonContext.Default.ContainerCreateBody);
        using var response = await _http.SendAsync(HttpMethod.Post, path, content, streamBody: false, cancellationToken);
        await EnsureSuccessAsync(response, operation, message => new ImageNotFoundException(spec.Image, message, operation), cancellationToken);
        var created = await DockerHttp.ReadJsonAsync(response, DockerJsonContext.Default.ContainerCreateResponse, operation, cancellationToken);
        return created.Id;
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var operation = $"start container {containerId}";
        using var response = await SendToContainerAsync(HttpMethod.Post, containerId, "start", cancellationToken);
        await EnsureSuccessAsync(response, operation, ContainerMissing(containerId, operation), cancellationToken);
    }

    public async Task<ContainerExit> WaitContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var operation = $"wait for container {containerId}";
        using var response = await SendToContainerAsync(HttpMethod.Post, containerId, "wait?condition=not-running", cancellationToken);
        await EnsureSuccessAsync(response, operation, ContainerMissing(containerId, operation), cancellationToken);
        var exit = await DockerHttp.ReadJsonAsync(response, DockerJsonContext.Default.ContainerWaitResponse, operation, cancellationToken);
        return new ContainerExit((int)exit.StatusCode, string.IsNullOrEmpty(exit.Error?.Message) ? null : exit.Error.Message);
    }

    public async Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        var operation = $"stop container {containerId}";

        // The daemon does the whole escalation: stop signal, up to t seconds, then SIGKILL. 304 = already stopped.
        var seconds = (int)Math.Ceiling(gracePeriod.TotalSeconds);
        var action = string.Create(CultureInfo.InvariantCulture, $"stop?t={seconds}");
        using var response = await SendToContainerAsync(HttpMethod.Post, containerId, action, cancellationToken);
        await EnsureSuccessAsync(response, operation, ContainerMissing(containerId, operation), cancellationToken);
    }

    public async Task KillContainerAsync(string containerId, string signal, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        var operation = $"kill container {containerId} with {signal}";
        using var response = await SendToContainerAsync(HttpMethod.Post, containerId, $"kill?signal={Escape(signal)}", cancellationToken);

        // 409: the container is not running, which is what a kill wants anyway.
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, operation, ContainerMissing(containerId, operation), cancellationToken);
        }
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerId);
        using var response = await _http.SendAsync(HttpMethod.Delete, $"containers/{Escape(containerId)}?force=true&v=true", content: null, streamBody: false, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        // Another caller (a finally racing a restarted agent's sweep) is already removing it: the outcome is the
        // same. The daemon only says so in the message text.
        var message = await DockerHttp.ReadErrorMessageAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && message.Contains("already in progress", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        throw new DockerApiException(response.StatusCode, message, $"remove container {containerId}");
    }

    private Task<HttpResponseMessage> SendToContainerAsync(HttpMethod method, string containerId, string action, CancellationToken cancellationToken, bool streamBody = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerId);
        return _http.SendAsync(method, $"containers/{Escape(containerId)}/{action}", content: null, streamBody, cancellationToken);
    }
}
