namespace ControlPlane.Server.Retention;

/// <summary>What one retention pass removed.</summary>
/// <param name="RunsDeleted">Finished runs deleted with everything they had.</param>
/// <param name="EventsDeleted">Events deleted: those of the deleted runs and old runner events.</param>
/// <param name="LogBytesDeleted">Log bytes deleted, with deleted runs or by the log cap.</param>
/// <param name="RunsWithLogsRemoved">Runs kept whose logs the cap removed.</param>
/// <param name="Batches">Transactions the pass took.</param>
public sealed record RetentionReport(long RunsDeleted, long EventsDeleted, long LogBytesDeleted, long RunsWithLogsRemoved, int Batches);
