using System.Net.Sockets;

namespace ControlPlane.Testing;

/// <summary>
/// The real dockerd the Docker tests run against, on <c>/var/run/docker.sock</c>. The fixture does not start one:
/// <c>Scripts/ensure-dockerd.sh</c> does (test.sh calls it), so a test run never installs packages by surprise.
/// </summary>
public static class DockerDaemon
{
    public const string SocketPath = "/var/run/docker.sock";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _apiPrefix;

    /// <summary>Fails with instructions unless the daemon answers <c>/_ping</c>; checked once per process.</summary>
    public static async Task EnsureAvailableAsync(CancellationToken cancellationToken = default) =>
        await GetApiPrefixAsync(cancellationToken);

    /// <summary>An HttpClient whose connections go to the daemon's socket; request URIs are relative (<c>_ping</c>).</summary>
    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            UseProxy = false,
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The daemon's own API version as a path prefix (<c>v1.41/</c>), for fixtures that call the API directly.</summary>
    public static async Task<string> GetApiPrefixAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _apiPrefix ??= await PingAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> PingAsync(CancellationToken cancellationToken)
    {
        using var http = CreateHttpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await http.GetAsync("_ping", timeout.Token);
            response.EnsureSuccessStatusCode();
            var version = response.Headers.TryGetValues("Api-Version", out var values) ? values.First() : "1.41";
            return $"v{version}/";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"dockerd is not answering on {SocketPath} ({ex.Message}). Start it with " +
                "tests/ControlPlane.Testing/Scripts/ensure-dockerd.sh (test.sh does this).",
                ex);
        }
    }
}
