using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Server.Health;

/// <summary>
/// Why the server is not serving, in one line, from a health report: "stopping" or "starting" when that is the case,
/// else the descriptions of the failing checks, e.g. "the database cannot be written: database or disk is full".
/// </summary>
public static class HealthReason
{
    /// <summary>The gRPC trailer of a NOT_SERVING Check response that carries the reason (the standard response has no room for one).</summary>
    public const string Trailer = "cp-health-reason";

    public const string Starting = "starting";

    public const string Stopping = "stopping";

    /// <summary>The reason, or null when every check is healthy.</summary>
    public static string? Describe(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Status == HealthStatus.Healthy)
        {
            return null;
        }

        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).ToList();
        var lifetime = failing.FirstOrDefault(e => e.Key == HealthServices.LifetimeCheck);
        return lifetime.Value.Description is { } phase
            ? phase
            : string.Join("; ", failing.Select(e => e.Value.Description ?? $"{e.Key} is {e.Value.Status}"));
    }
}
