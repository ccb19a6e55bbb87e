namespace ControlPlane.Agent.Logs.Spool;

/// <summary>What a complete log holds: its length and the SHA-256 of all its bytes in offset order.</summary>
/// <param name="Length">Total bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 over bytes 0..Length.</param>
public sealed record LogSpoolSummary(long Length, string Sha256);
