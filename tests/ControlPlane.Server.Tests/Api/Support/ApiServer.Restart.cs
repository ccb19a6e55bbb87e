namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>Restarting the in-process server on the same data directory, as an operator's restart would.</summary>
internal sealed partial class ApiServer
{
    /// <summary>
    /// Stops the server the way a shutdown does (open calls see it happen) and starts a new one on the same data
    /// directory; it listens on a new port, and <see cref="Channel"/> and the clients are replaced.
    /// </summary>
    public async Task RestartAsync(params string[] extraFlags)
    {
        await _app.StopAsync(Ct);
        await _app.DisposeAsync();
        Channel.Dispose();
        _app = null!;
        await OpenAsync(extraFlags);
    }
}
