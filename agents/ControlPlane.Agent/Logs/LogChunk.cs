namespace ControlPlane.Agent.Logs;

/// <summary>Consecutive bytes of one stream at a position of an attempt's log.</summary>
/// <param name="Offset">Position of the first byte in the attempt's log (stdout and stderr share one numbering).</param>
/// <param name="Stream">Where the bytes came from.</param>
/// <param name="Bytes">The (masked) bytes.</param>
public sealed record LogChunk(long Offset, LogStream Stream, ReadOnlyMemory<byte> Bytes)
{
    public long EndOffset => Offset + Bytes.Length;
}
