namespace ControlPlane.Server.Scheduling;

/// <summary>What one scheduler tick did and when the next is due.</summary>
/// <param name="Decisions">State changes made (and committed) in the tick.</param>
/// <param name="NextDueAt">The earliest timer (offer or lease expiry, step or run deadline, retry, overdue runner), if any.</param>
/// <param name="MoreWork">The tick stopped at its decision budget; the loop runs the next one at once.</param>
public sealed record TickResult(int Decisions, DateTimeOffset? NextDueAt, bool MoreWork);
