using Spectre.Console;

namespace ControlPlane.Cli.Output;

/// <summary>
/// Where cpctl writes: stdout for results, stderr for errors and progress. <see cref="IsTerminal"/> picks Spectre
/// tables and live views over plain text; writes from concurrent log streams go through <see cref="WriteLine"/>,
/// which keeps lines whole.
/// </summary>
internal sealed class CliConsole
{
    private readonly Lock _lock = new();
    private IAnsiConsole? _ansi;

    public CliConsole(TextWriter output, TextWriter error, bool isTerminal)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
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
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>Writes one whole line to stdout, never interleaved with another thread's line.</summary>
    public void WriteLine(string line)
    {
        lock (_lock)
        {
            Out.WriteLine(line);
            Out.Flush();
        }
    }

    /// <summary>Writes one whole line to stderr.</summary>
    public void Note(string line)
    {
        lock (_lock)
        {
            Error.WriteLine(line);
            Error.Flush();
        }
    }
}
