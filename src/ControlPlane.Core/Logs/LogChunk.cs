namespace ControlPlane.Core.Logs;

/// <summary>
/// Bytes [<see cref="Offset"/>, <see cref="End"/>) of an attempt's log, numbered at the source. The streams of one
/// attempt are interleaved in a single byte numbering, so one length and one checksum cover the whole log.
/// </summary>
public sealed record LogChunk(long Offset, LogStream Stream, ReadOnlyMemory<byte> Data)
{
    public long End => Offset + Data.Length;
}
