namespace ControlPlane.Docker;

/// <summary>Where and how to reach the Docker daemon.</summary>
public sealed class DockerEngineOptions
{
    /// <summary>The daemon's conventional socket.</summary>
    public const string DefaultSocketPath = "/var/run/docker.sock";

    private const string UnixScheme = "unix://";

    /// <summary>Path of the daemon's unix socket. Default <c>/var/run/docker.sock</c>.</summary>
    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>How long opening a connection to the socket may take. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Defaults, with the socket taken from <c>DOCKER_HOST</c> when it is set, as the docker CLI does.</summary>
    /// <exception cref="NotSupportedException"><c>DOCKER_HOST</c> names something other than a unix socket.</exception>
    public static DockerEngineOptions FromEnvironment() =>
        new() { SocketPath = SocketPathFromDockerHost(Environment.GetEnvironmentVariable("DOCKER_HOST")) };

    /// <summary>The socket path a <c>DOCKER_HOST</c> value names; the default when it is unset or empty.</summary>
    /// <exception cref="NotSupportedException">A scheme other than <c>unix://</c> (tcp, ssh, npipe).</exception>
    public static string SocketPathFromDockerHost(string? dockerHost)
    {
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return DefaultSocketPath;
        }

        if (!dockerHost.StartsWith(UnixScheme, StringComparison.Ordinal) || dockerHost.Length == UnixScheme.Length)
        {
            throw new NotSupportedException($"DOCKER_HOST={dockerHost}: only unix:///path/to/socket is supported.");
        }

        return dockerHost[UnixScheme.Length..];
    }

    /// <summary>Checks the options before a client is built from them.</summary>
    /// <exception cref="ArgumentException">A relative socket path or a non-positive timeout.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SocketPath) || !Path.IsPathRooted(SocketPath))
        {
            throw new ArgumentException($"Docker socket path must be absolute, was '{SocketPath}'.", nameof(SocketPath));
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Docker connect timeout must be positive, was {ConnectTimeout}.", nameof(ConnectTimeout));
        }
    }
}
