using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// The Docker Engine as the docker executor and the janitor use it: a thin seam over Docker.DotNet's
/// <see cref="IDockerClient"/> that adds only what the agent needs on top of it — one exception type whose message
/// names the operation and the daemon's reason (or the endpoint that did not answer), idempotent stop and remove, pull
/// failures reported inside the progress stream turned into an exception, and a pull of a reference without a tag
/// meaning <c>latest</c> (as the docker CLI does) instead of every tag.
/// </summary>
/// <remarks>
/// <para><b>Call order for a step.</b> <see cref="ImageExistsAsync"/>, then <see cref="PullImageAsync"/> if needed;
/// <see cref="CreateContainerAsync"/> with the owner labels (record the id before reporting the step started);
/// <see cref="AttachAsync"/> before <see cref="StartContainerAsync"/>, or output written before the attach is in place
/// is only in the daemon's log; read the attached stream concurrently with <see cref="WaitContainerAsync"/>;
/// <see cref="RemoveContainerAsync"/> in a finally. To cancel: <see cref="StopContainerAsync"/> (stop signal, grace,
/// then SIGKILL); the read and the wait then end on their own.</para>
/// <para><b>Concurrency.</b> Thread-safe; attach, wait and pull each hold one daemon connection while they last.</para>
/// <para><b>Cancellation.</b> Every call gives up when its token fires (<see cref="OperationCanceledException"/>).
/// Giving up does not undo: a create or start abandoned in flight may still happen, which is why containers carry
/// owner labels.</para>
/// <para><b>Errors.</b> <see cref="ImagePullException"/> for a failed pull, <see cref="DockerEngineException"/> for
/// everything else the daemon refuses or when it cannot be reached.</para>
/// </remarks>
public sealed class ContainerEngine : IDisposable
{
    private readonly IDockerClient _client;
    private readonly Uri _endpoint;

    public ContainerEngine(IDockerClient client, Uri endpoint)
    {
        _client = client;
        _endpoint = endpoint;
    }

    /// <summary>The daemon the docker CLI would use: <c>DOCKER_HOST</c>, else the current context, else <c>/var/run/docker.sock</c>.</summary>
    public static ContainerEngine FromEnvironment()
    {
        var client = new DockerClientBuilder().Build();
        return new ContainerEngine(client, client.Options.Endpoint);
    }

    /// <summary>The daemon at <paramref name="endpoint"/>, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public static ContainerEngine At(Uri endpoint) =>
        new(new DockerClientBuilder().WithEndpoint(endpoint).Build(), endpoint);

    /// <summary>Whether the image is present locally (by name:tag, id or digest).</summary>
    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        CallAsync($"inspect image {image}", async () =>
        {
            try
            {
                await _client.Images.InspectImageAsync(image, cancellationToken);
                return true;
            }
            catch (DockerImageNotFoundException)
            {
                return false;
            }
        }, cancellationToken);

    /// <summary>Pulls the image and returns once it is local; <paramref name="onMessage"/> sees each progress message, in order.</summary>
    /// <exception cref="ImagePullException">The daemon refused the pull or reported an error while pulling.</exception>
    public async Task PullImageAsync(string image, Action<JSONMessage> onMessage, CancellationToken cancellationToken)
    {
        var progress = new PullProgress(onMessage);
        try
        {
            await CallAsync($"pull image {image}", async () =>
            {
                await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = WithDefaultTag(image) }, null, progress, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (DockerEngineException ex) when (ex.InnerException is DockerApiException api)
        {
            throw new ImagePullException(image, DaemonMessage(api), ex);
        }

        if (progress.Error is { } error)
        {
            throw new ImagePullException(image, error);
        }
    }

    /// <summary>Creates (does not start) a container and returns its id.</summary>
    public Task<string> CreateContainerAsync(CreateContainerParameters parameters, CancellationToken cancellationToken) =>
        CallAsync($"create container from {parameters.Image}", async () =>
            (await _client.Containers.CreateContainerAsync(parameters, cancellationToken)).ID, cancellationToken);

    /// <summary>Attaches to the container's stdout and stderr from now on; returns once the attachment is in place.</summary>
    public Task<MultiplexedStream> AttachAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"attach to container {containerId}", () =>
            _client.Containers.AttachContainerAsync(containerId, new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, cancellationToken), cancellationToken);

    /// <summary>Starts a created container; starting a running one does nothing.</summary>
    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"start container {containerId}", () =>
            _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken), cancellationToken);

    /// <summary>Waits until the container is not running; its exit code, and the daemon's error if it reported one.</summary>
    public Task<ContainerExit> WaitContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"wait for container {containerId}", async () =>
        {
            var exit = await _client.Containers.WaitContainerAsync(containerId, cancellationToken);
            return new ContainerExit((int)exit.StatusCode, string.IsNullOrEmpty(exit.Error?.Message) ? null : exit.Error.Message);
        }, cancellationToken);

    /// <summary>
    /// Sends the container's stop signal, waits up to <paramref name="grace"/> (whole seconds, rounded up), then
    /// SIGKILL; returns once it stopped. A stopped or missing container is left as it is.
    /// </summary>
    public Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken) =>
        CallAsync($"stop container {containerId}", async () =>
        {
            try
            {
                var seconds = (uint)Math.Ceiling(Math.Max(0, grace.TotalSeconds));
                return await _client.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
                return false;
            }
        }, cancellationToken);

    /// <summary>Kills the container with SIGKILL; one that is not running or is gone is left alone.</summary>
    public Task KillContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"kill container {containerId}", async () =>
        {
            try
            {
                await _client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // Not running: what a kill wants anyway.
            }

            return true;
        }, cancellationToken);

    /// <summary>Removes the container, killing it if it runs, with its anonymous volumes. A missing container is not an error.</summary>
    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        CallAsync($"remove container {containerId}", async () =>
        {
            try
            {
                await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict && (ex.ResponseBody ?? "").Contains("already in progress", StringComparison.OrdinalIgnoreCase))
            {
                // A finally racing a restarted agent's sweep: the outcome is the same.
            }

            return true;
        }, cancellationToken);

    /// <summary>Containers, running or not, that carry every one of <paramref name="labels"/> (key and value).</summary>
    public Task<IList<ContainerListResponse>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        CallAsync("list containers", () =>
        {
            var filter = labels.ToDictionary(pair => $"{pair.Key}={pair.Value}", _ => true);
            var parameters = new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter } };
            return _client.Containers.ListContainersAsync(parameters, cancellationToken);
        }, cancellationToken);

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// <c>name</c> means <c>name:latest</c>, as for the docker CLI: the create endpoint reads a reference without a tag
    /// as "every tag". The colon of a registry port (<c>host:5000/x</c>) is not a tag.
    /// </summary>
    internal static string WithDefaultTag(string image)
    {
        var name = image.Split('@')[0];
        var hasTag = name.LastIndexOf(':') > name.LastIndexOf('/');
        return hasTag || image.Contains('@', StringComparison.Ordinal) ? image : image + ":latest";
    }

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (DockerApiException ex)
        {
            throw new DockerEngineException($"{operation}: the Docker daemon answered {(int)ex.StatusCode} {ex.StatusCode}: {DaemonMessage(ex)}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineException($"{operation}: the Docker daemon is not answering on {_endpoint}{SocketHint()}: {Reason(ex)}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineException($"{operation}: the Docker daemon at {_endpoint} did not answer in time", ex);
        }
    }

    private async Task CallAsync(string operation, Func<Task> call, CancellationToken cancellationToken) =>
        await CallAsync(
            operation,
            async () =>
            {
                await call();
                return true;
            },
            cancellationToken);

    private string SocketHint() =>
        _endpoint.IsFile || _endpoint.Scheme == "unix"
            ? File.Exists(_endpoint.LocalPath) ? "" : $" (there is no socket at {_endpoint.LocalPath}: is dockerd running, and is DOCKER_HOST right?)"
            : "";

    private static string Reason(Exception ex) =>
        ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;

    /// <summary>The <c>message</c> field of the daemon's error body, or the body itself when it is not that JSON.</summary>
    private static string DaemonMessage(DockerApiException ex)
    {
        var text = ex.ResponseBody ?? "";
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } said)
            {
                return said;
            }
        }
        catch (JsonException)
        {
        }

        return text.Trim();
    }

    /// <summary>Hands each message on in order on the reading thread (<see cref="Progress{T}"/> would post to the pool and reorder) and keeps the first error.</summary>
    private sealed class PullProgress(Action<JSONMessage> onMessage) : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            if (value.Error is { Message: { Length: > 0 } message })
            {
                Error ??= message;
            }

            onMessage(value);
        }
    }
}
