using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Server.Health;

/// <summary>Unhealthy ("starting") until the host has started and ("stopping") for good once it begins to stop.</summary>
public sealed class LifetimeHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy(HealthReason.Stopping)
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy(HealthReason.Starting)
            : HealthCheckResult.Healthy());
}
