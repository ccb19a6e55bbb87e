using ControlPlane.Store;

namespace ControlPlane.Server.Hosting;

/// <summary>
/// Closes the store when the host stops. Registered before every other hosted service, so it stops after all of them
/// (the dispatch loop and Kestrel are done with the store by then).
/// </summary>
internal sealed class StoreLifetime(SqliteStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await store.DisposeAsync();
}
