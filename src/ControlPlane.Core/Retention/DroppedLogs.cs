namespace ControlPlane.Core.Retention;

/// <summary>What one removal of logs freed.</summary>
/// <param name="Runs">Runs whose logs were removed.</param>
/// <param name="Attempts">Attempts whose logs were removed.</param>
/// <param name="Bytes">Log bytes deleted.</param>
public sealed record DroppedLogs(long Runs, long Attempts, long Bytes);
