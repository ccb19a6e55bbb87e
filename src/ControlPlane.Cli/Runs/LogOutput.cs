using ControlPlane.Cli.Output;

namespace ControlPlane.Cli.Runs;

/// <summary>
/// How log bytes reach stdout. On a terminal they are shown escaped (<see cref="PrefixedLineWriter"/>): a step's
/// output cannot set the title, write the clipboard, move the cursor or clear the screen, but its colour stays.
/// Piped, or with <c>--raw</c>, they are the stored bytes exactly (<see cref="RawLogWriter"/>).
/// </summary>
internal sealed class LogOutput
{
    private LogOutput(CliConsole console, bool raw)
    {
        Console = console;
        Raw = raw;
    }

    public CliConsole Console { get; }

    /// <summary>True when logs are written as stored.</summary>
    public bool Raw { get; }

    /// <summary>Raw when asked for or when stdout is not a terminal; escaped otherwise.</summary>
    public static LogOutput For(CliConsole console, bool rawRequested) => new(console, rawRequested || !console.IsTerminal);

    /// <summary>A writer for one log whose lines start with <paramref name="prefix"/> (empty for a single step's log).</summary>
    public ILogWriter Writer(string prefix) => Raw ? new RawLogWriter(Console, prefix) : new PrefixedLineWriter(Console, prefix);
}
