using System.Buffers.Binary;

namespace ControlPlane.Agent.Logs.Spool;

/// <summary>
/// One record of the spool's <c>index</c> file: which stream the bytes at [Offset, Offset + Length) of <c>data</c> came
/// from. 16 bytes: offset (int64 LE), length (int32 LE), stream (1 byte), three zero bytes.
/// </summary>
internal readonly record struct SpoolSegment(long Offset, long Length, LogStream Stream)
{
    public const int RecordSize = 16;

    public long EndOffset => Offset + Length;

    public void WriteTo(Span<byte> record)
    {
        record.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(record, Offset);
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], checked((int)Length));
        record[12] = (byte)Stream;
    }

    /// <summary>Reads a record that must continue at <paramref name="expectedOffset"/>; false for a torn or foreign one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, long expectedOffset, out SpoolSegment segment)
    {
        segment = new SpoolSegment(
            BinaryPrimitives.ReadInt64LittleEndian(record),
            BinaryPrimitives.ReadInt32LittleEndian(record[8..]),
            (LogStream)record[12]);
        return segment.Offset == expectedOffset
            && segment.Length > 0
            && segment.Stream is LogStream.Stdout or LogStream.Stderr or LogStream.System
            && record[13..].IndexOfAnyExcept((byte)0) < 0;
    }
}
