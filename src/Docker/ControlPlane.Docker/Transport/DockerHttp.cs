using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ControlPlane.Docker.Errors;

namespace ControlPlane.Docker.Transport;

/// <summary>
/// HTTP to the daemon over its unix socket: API version negotiation, daemon-unreachable errors and error bodies.
/// Thread-safe; one connection pool per instance.
/// </summary>
internal sealed class DockerHttp : IDisposable
{
    /// <summary>The oldest API this client speaks (Docker 20.10).</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    /// <summary>The newest API this client asks for; a newer daemon still serves it (Docker 29 serves 1.44 and up).</summary>
    public static readonly Version MaximumApiVersion = new(1, 47);

    private readonly HttpClient _client;
    private readonly string _socketPath;
    private volatile string? _versionPrefix;

    public DockerHttp(string socketPath, TimeSpan connectTimeout)
    {
        _socketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = UnixSocketConnector.For(socketPath),
            ConnectTimeout = connectTimeout,
            UseProxy = false,
            AllowAutoRedirect = false,
        };

        // Streams (attach, logs, wait, pull) last as long as the container or the download: no client-wide
        // timeout, callers bound each call with their cancellation token.
        _client = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public string SocketPath => _socketPath;

    /// <summary>Sends a request to a versioned path, e.g. <c>containers/json?all=true</c>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, bool streamBody, CancellationToken cancellationToken)
    {
        var prefix = _versionPrefix ?? await NegotiateAsync(cancellationToken);
        return await SendRawAsync(method, prefix + pathAndQuery, content, streamBody, cancellationToken);
    }

    /// <summary><c>GET /_ping</c>, unversioned: it is how the API version is learnt in the first place.</summary>
    public async Task<HttpResponseMessage> PingAsync(CancellationToken cancellationToken) =>
        await SendRawAsync(HttpMethod.Get, "_ping", content: null, streamBody: false, cancellationToken);

    public static HttpContent Json<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new DockerApiException(response.StatusCode, "empty response body", operation);
        }
        catch (JsonException ex)
        {
            throw new DockerApiException(response.StatusCode, $"unreadable response body: {ex.Message}", operation);
        }
    }

    /// <summary>The daemon's <c>message</c> from an error body, or the raw body when it is not the usual JSON.</summary>
    public static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize(body, DockerJsonContext.Default.ErrorResponse);
            if (!string.IsNullOrEmpty(error?.Message))
            {
                return error.Message;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy, an old daemon): the text itself is the best message there is.
        }

        return string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no message" : body.Trim();
    }

    public void Dispose() => _client.Dispose();

    private async Task<string> NegotiateAsync(CancellationToken cancellationToken)
    {
        using var response = await PingAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DockerApiException(response.StatusCode, await ReadErrorMessageAsync(response, cancellationToken), "ping");
        }

        // Daemons before API 1.25 did not send the header; they are far older than the minimum anyway.
        var advertised = response.Headers.TryGetValues("Api-Version", out var values)
            && Version.TryParse(values.FirstOrDefault(), out var parsed) ? parsed : MinimumApiVersion;
        if (advertised < MinimumApiVersion)
        {
            throw new DockerException($"The Docker daemon on unix://{_socketPath} speaks API {advertised}; this client needs {MinimumApiVersion} or newer (Docker 20.10+).");
        }

        var chosen = advertised < MaximumApiVersion ? advertised : MaximumApiVersion;

        // Racing first calls negotiate the same answer; whichever write wins is fine.
        return _versionPrefix = string.Create(CultureInfo.InvariantCulture, $"v{chosen.Major}.{chosen.Minor}/");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string relativeUri, HttpContent? content, bool streamBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relativeUri) { Content = content };
        try
        {
            return await _client.SendAsync(
                request,
                streamBody ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DockerUnavailableException(_socketPath, ex);
        }
    }
}
