using System.Text;
using Spectre.Console;

namespace ControlPlane.Cli.Output;

/// <summary>
/// Where cpctl writes: stdout for results, stderr for errors and progress. <see cref="IsTerminal"/> picks Spectre
/// tables and live views over plain text, and escaped log lines over the stored bytes; writes from concurrent log
/// streams go through one lock, which keeps lines whole. Lines cpctl composes (<see cref="WriteLine"/>,
/// <see cref="Note"/>) may carry text from steps (step keys, matrix values, outcomes, error text) and are always
/// shown with their control characters escaped (<see cref="TerminalText.Line"/>).
/// </summary>
internal sealed class CliConsole
{
    private readonly Lock _lock = new();
    private readonly Stream? _rawOut;
    private IAnsiConsole? _ansi;

    /// <param name="output">stdout as text.</param>
    /// <param name="error">stderr.</param>
    /// <param name="isTerminal">Whether stdout is a terminal.</param>
    /// <param name="rawOutput">stdout as bytes, for logs written as stored; null writes them through <paramref name="output"/> as UTF-8.</param>
    public CliConsole(TextWriter output, TextWriter error, bool isTerminal, Stream? rawOutput = null)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        _rawOut = rawOutput;
    }

    /// <summary>Results.</summary>
    public TextWriter Out { get; }

    /// <summary>Errors and notes that scripts should not parse.</summary>
    public TextWriter Error { get; }

    /// <summary>True when stdout is a terminal a person looks at.</summary>
    public bool IsTerminal { get; }

    /// <summary>Spectre's console over <see cref="Out"/>, for tables and live views on a terminal.</summary>
    public IAnsiConsole Ansi => _ansi ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
    });

    /// <summary>The process's own streams.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected, Console.OpenStandardOutput());

    /// <summary>Writes one whole line to stdout with its control characters escaped, never interleaved with another thread's line.</summary>
    public void WriteLine(string line) => WritePreparedLine(TerminalText.Line(line));

    /// <summary>Writes text of several lines (e.g. a plan) with every control character but line breaks and tabs escaped.</summary>
    public void WriteBlock(string text)
    {
        lock (_lock)
        {
            Out.Write(TerminalText.Block(text));
            Out.Flush();
        }
    }

    /// <summary>Writes one whole line as given: a log line already made safe (<see cref="TerminalText.LogLine"/>) or JSON.</summary>
    public void WritePreparedLine(string line)
    {
        lock (_lock)
        {
            Out.WriteLine(line);
            Out.Flush();
        }
    }

    /// <summary>Writes bytes to stdout exactly as given (logs as stored), never interleaved with another thread's line.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            Out.Flush();
            if (_rawOut is null)
            {
                Out.Write(Encoding.UTF8.GetString(bytes));
                Out.Flush();
                return;
            }

            _rawOut.Write(bytes);
            _rawOut.Flush();
        }
    }

    /// <summary>Writes one whole line to stderr with its control characters escaped.</summary>
    public void Note(string line)
    {
        lock (_lock)
        {
            Error.WriteLine(TerminalText.Line(line));
            Error.Flush();
        }
    }
}
