namespace ControlPlane.Core.Tests.Retries;

/// <summary>A clock stopped at one instant, so a not_before time is exact.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
