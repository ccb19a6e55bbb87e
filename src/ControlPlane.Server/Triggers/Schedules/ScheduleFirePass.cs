namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>What one pass over the due schedules did, and when the next one is due.</summary>
/// <param name="NextDueAt">The earliest next fire time of any schedule; null when none will fire.</param>
public sealed record ScheduleFirePass(IReadOnlyList<ScheduleFire> Fires, DateTimeOffset? NextDueAt);
