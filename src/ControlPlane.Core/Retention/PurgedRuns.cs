namespace ControlPlane.Core.Retention;

/// <summary>What one deletion of runs removed, by table.</summary>
public sealed record PurgedRuns(long Runs, long Steps, long Attempts, long LogChunks, long LogBytes, long Events, long IdempotencyKeys);
