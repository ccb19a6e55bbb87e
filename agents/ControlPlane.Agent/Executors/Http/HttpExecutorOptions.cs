namespace ControlPlane.Agent.Executors.Http;

/// <summary>Limits of http steps.</summary>
public sealed class HttpExecutorOptions
{
    /// <summary>The most response body bytes written to the step's stdout; the rest is not read. Default 1 MiB.</summary>
    public int MaxLoggedBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most response body bytes kept in the <c>body</c> output. Default 64 KiB.</summary>
    public int MaxBodyOutputBytes { get; set; } = 64 * 1024;

    /// <summary>How long opening a connection (DNS, TCP, TLS) may take. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a pooled connection is reused, so DNS changes are seen. Default 2 min.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <exception cref="ArgumentException">An out-of-range value.</exception>
    public void Validate()
    {
        if (MaxLoggedBodyBytes < 0 || MaxBodyOutputBytes < 0 || ConnectTimeout <= TimeSpan.Zero || PooledConnectionLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("Body limits must not be negative; the connect timeout and connection lifetime must be positive.");
        }
    }
}
