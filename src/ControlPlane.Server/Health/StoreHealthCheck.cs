using ControlPlane.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Server.Health;

/// <summary>
/// Unhealthy while the database cannot be written (as the latest write found it: a full disk, a read-only mount, an
/// I/O error), with that cause as the description; otherwise healthy once a read unit of work opens. It never writes:
/// anyone may ask for health, and asking must cost the database nothing durable.
/// </summary>
public sealed class StoreHealthCheck(IStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.WriteHealth.Failure is { } failure)
        {
            return HealthCheckResult.Unhealthy(failure.Message);
        }

        try
        {
            await using var read = await store.BeginReadAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (StoreException e)
        {
            return HealthCheckResult.Unhealthy($"the database cannot be read: {e.Message}");
        }
    }
}
