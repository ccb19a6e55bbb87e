using System.Text;
using ControlPlane.Cli.Output;

namespace ControlPlane.Cli.Runs;

/// <summary>
/// A log for a terminal: turns its byte pieces into whole lines, each written with a prefix (e.g. <c>build | </c>)
/// and made safe by <see cref="TerminalText.LogLine"/>, so the logs of steps running at once interleave by line and
/// never mid-line, and no line can drive the terminal. A line is escaped only once it is complete, so an escape
/// sequence or a UTF-8 character split across pieces is judged whole; invalid UTF-8 shows as U+FFFD. A line's CRLF
/// ending is a line break; any other carriage return is shown escaped.
/// </summary>
internal sealed class PrefixedLineWriter : ILogWriter
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

    /// <summary>The prefix for a step's log: its key (escaped), and its attempt number after the first.</summary>
    public static string PrefixFor(string stepKey, int attemptNumber) =>
        TerminalText.Line(attemptNumber > 1 ? $"{stepKey}#{attemptNumber}" : stepKey) + " | ";

    /// <summary>Adds bytes; every line they complete is written.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        _decoder.GetChars(bytes, chars, flush: false);
        var end = Array.LastIndexOf(chars, '\n');
        if (end < 0)
        {
            _pending.Append(chars);
            return;
        }

        _pending.Append(chars, 0, end);
        foreach (var line in _pending.ToString().Split('\n'))
        {
            WriteLine(line.EndsWith('\r') ? line[..^1] : line);
        }

        _pending.Clear().Append(chars, end + 1, chars.Length - end - 1);
    }

    /// <summary>Writes what is left of an unterminated last line (and of a UTF-8 character cut short).</summary>
    public void Flush()
    {
        var rest = new char[_decoder.GetCharCount([], flush: true)];
        _decoder.GetChars([], rest, flush: true);
        _pending.Append(rest);
        if (_pending.Length > 0)
        {
            // Not ended by a line break: a carriage return at its end is a bare one.
            WriteLine(_pending.ToString());
            _pending.Clear();
        }
    }

    private void WriteLine(string line) => _console.WritePreparedLine(_prefix + TerminalText.LogLine(line));
}
