using System.Net;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Transport;

namespace ControlPlane.Docker;

/// <summary>
/// <see cref="IDockerEngine"/> over the Docker Engine HTTP API on a unix socket (API 1.41 or newer, negotiated on the
/// first call). Thread-safe; dispose it to close its connections.
/// </summary>
public sealed partial class DockerEngineClient : IDockerEngine, IDisposable
{
    private readonly DockerHttp _http;

    public DockerEngineClient(DockerEngineOptions options)
    {
        options.Validate();
        _http = new DockerHttp(options.SocketPath, options.ConnectTimeout);
    }

    /// <summary>A client for <c>DOCKER_HOST</c> when it names a unix socket, else <c>/var/run/docker.sock</c>.</summary>
    public static DockerEngineClient FromEnvironment() => new(DockerEngineOptions.FromEnvironment());

    public string SocketPath => _http.SocketPath;

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PingAsync(cancellationToken);
        await EnsureSuccessAsync(response, "ping", notFound: null, cancellationToken);
    }

    public async Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken)
    {
        const string Operation = "version";
        using var response = await _http.SendAsync(HttpMethod.Get, "version", content: null, streamBody: false, cancellationToken);
        await EnsureSuccessAsync(response, Operation, notFound: null, cancellationToken);
        var version = await DockerHttp.ReadJsonAsync(response, DockerJsonContext.Default.VersionResponse, Operation, cancellationToken);
        return new DockerVersion(
            version.Version ?? "",
            version.ApiVersion ?? "",
            version.MinApiVersion ?? "",
            version.Os ?? "",
            version.Arch ?? "",
            version.KernelVersion ?? "");
    }

    public void Dispose() => _http.Dispose();

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>Turns an error status into the named exception; <paramref name="notFound"/> names what a 404 means here.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, Func<string, DockerApiException>? notFound, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return;
        }

        var message = await DockerHttp.ReadErrorMessageAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && notFound is not null)
        {
            throw notFound(message);
        }

        throw new DockerApiException(response.StatusCode, message, operation);
    }

    private static Func<string, DockerApiException> ContainerMissing(string containerId, string operation) =>
        message => new ContainerNotFoundException(containerId, message, operation);
}
