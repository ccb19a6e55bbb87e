using ControlPlane.Server.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Server.Health;

/// <summary>Unhealthy until startup recovery has finished, and when the dispatch loop has ended (it only ends on shutdown or a crash).</summary>
public sealed class SchedulerHealthCheck(DispatchLoop loop) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = loop switch
        {
            { Recovered: false } => HealthCheckResult.Unhealthy("the scheduler is recovering"),
            { ExecuteTask: { IsCompleted: true } ended } => HealthCheckResult.Unhealthy(
                ended.Exception is { } e ? $"the scheduler has stopped: {e.GetBaseException().Message}" : "the scheduler has stopped"),
            _ => HealthCheckResult.Healthy(),
        };
        return Task.FromResult(result);
    }
}
