using System.Text;
using ControlPlane.Cli.Output;

namespace ControlPlane.Cli.Runs;

/// <summary>
/// Turns one log's byte pieces into whole lines, each written with a prefix (e.g. <c>build | </c>), so the logs of
/// steps running at once interleave by line and never mid-line. UTF-8 split across pieces is decoded correctly.
/// </summary>
internal sealed class PrefixedLineWriter
{
    private readonly CliConsole _console;
    private readonly string _prefix;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _pending = new();

    public PrefixedLineWriter(CliConsole console, string prefix)
    {
        _console = console;
        _prefix = prefix;
    }

    /// <summary>The prefix for a step's log: its key, and its attempt number after the first.</summary>
    public static string PrefixFor(string stepKey, int attemptNumber) =>
        (attemptNumber > 1 ? $"{stepKey}#{attemptNumber}" : stepKey) + " | ";

    /// <summary>Adds bytes; every line they complete is written.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        _decoder.GetChars(bytes, chars, flush: false);
        _pending.Append(chars);
        var text = _pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return;
        }

        foreach (var line in text[..end].Split('\n'))
        {
            _console.WriteLine(_prefix + line.TrimEnd('\r'));
        }

        _pending.Clear().Append(text, end + 1, text.Length - end - 1);
    }

    /// <summary>Writes what is left of an unterminated last line.</summary>
    public void Flush()
    {
        if (_pending.Length > 0)
        {
            _console.WriteLine(_prefix + _pending.ToString().TrimEnd('\r'));
            _pending.Clear();
        }
    }
}
