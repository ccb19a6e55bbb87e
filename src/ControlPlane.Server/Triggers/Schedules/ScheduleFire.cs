namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>What one due schedule did.</summary>
/// <param name="FireTime">The fire time it acted for: the latest one due, however many were due.</param>
/// <param name="RunId">The run started (or found by idempotency key); null when skipped or failed.</param>
public sealed record ScheduleFire(string Workflow, int Index, DateTimeOffset FireTime, long? RunId, bool Created);
