using ControlPlane.Core.Logs;
using ControlPlane.Core.StateMachines;

namespace ControlPlane.Store.Logs;

/// <summary>A <c>log_chunks</c> row as SQLite returns it.</summary>
internal sealed class LogChunkRow
{
    public long ByteOffset { get; set; }

    public string Stream { get; set; } = "";

    public byte[] Data { get; set; } = [];

    public long End => ByteOffset + Data.Length;

    /// <summary>The chunk from <paramref name="from"/> on (the whole chunk if it starts there or later).</summary>
    public LogChunk ToChunkFrom(long from)
    {
        var skip = (int)Math.Max(0, from - ByteOffset);
        return new LogChunk(ByteOffset + skip, EnumText.Parse<LogStream>(Stream), Data.AsMemory(skip));
    }
}
