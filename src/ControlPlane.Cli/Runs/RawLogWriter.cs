using System.Buffers;
using System.Text;
using ControlPlane.Cli.Output;

namespace ControlPlane.Cli.Runs;

/// <summary>
/// Writes a log's bytes as stored. Without a prefix every piece goes straight through, so the output is the stored
/// log byte for byte (no line break added, invalid UTF-8 and control bytes kept). With a prefix the bytes are cut at
/// each <c>\n</c> and every line is written whole after its prefix, so steps running at once interleave by line; a
/// last line without <c>\n</c> gets one.
/// </summary>
internal sealed class RawLogWriter : ILogWriter
{
    private readonly CliConsole _console;
    private readonly byte[] _prefix;
    private readonly ArrayBufferWriter<byte> _pending = new();

    public RawLogWriter(CliConsole console, string prefix)
    {
        _console = console;
        _prefix = Encoding.UTF8.GetBytes(prefix);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_prefix.Length == 0)
        {
            _console.WriteBytes(bytes);
            return;
        }

        while (bytes.IndexOf((byte)'\n') is var end and >= 0)
        {
            WriteLine(bytes[..(end + 1)]);
            bytes = bytes[(end + 1)..];
        }

        _pending.Write(bytes);
    }

    public void Flush()
    {
        if (_pending.WrittenCount > 0)
        {
            WriteLine("\n"u8);
        }
    }

    /// <summary>Writes the prefix, what is pending and <paramref name="tail"/> (which ends the line) as one piece.</summary>
    private void WriteLine(ReadOnlySpan<byte> tail)
    {
        var line = new byte[_prefix.Length + _pending.WrittenCount + tail.Length];
        _prefix.CopyTo(line, 0);
        _pending.WrittenSpan.CopyTo(line.AsSpan(_prefix.Length));
        tail.CopyTo(line.AsSpan(_prefix.Length + _pending.WrittenCount));
        _pending.Clear();
        _console.WriteBytes(line);
    }
}
