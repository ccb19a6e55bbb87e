using Docker.DotNet;

namespace ControlPlane.Testing;

/// <summary>
/// The real dockerd the Docker tests run against, on <c>/var/run/docker.sock</c>. The fixture does not start one:
/// <c>Scripts/ensure-dockerd.sh</c> does (test.sh calls it), so a test run never installs packages by surprise.
/// </summary>
public static class DockerDaemon
{
    public const string SocketPath = "/var/run/docker.sock";

    public static readonly Uri Endpoint = new("unix://" + SocketPath);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _available;

    /// <summary>A Docker.DotNet client for the daemon, for fixtures that prepare or inspect what the tests use.</summary>
    public static DockerClient CreateClient() => new DockerClientBuilder().WithEndpoint(Endpoint).Build();

    /// <summary>Fails with instructions unless the daemon answers a ping; checked once per process.</summary>
    public static async Task EnsureAvailableAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!_available)
            {
                await PingAsync(cancellationToken);
                _available = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task PingAsync(CancellationToken cancellationToken)
    {
        using var docker = CreateClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await docker.System.PingAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or DockerApiException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"dockerd is not answering on {SocketPath} ({ex.Message}). Start it with " +
                "tests/ControlPlane.Testing/Scripts/ensure-dockerd.sh (test.sh does this).",
                ex);
        }
    }
}
