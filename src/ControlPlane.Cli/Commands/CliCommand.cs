using System.CommandLine;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// One cpctl command: its System.CommandLine declaration (words, typed arguments and options, help) and what it does.
/// A command declares its options as fields, adds them to <see cref="Command"/> in its constructor and reads them from
/// the <see cref="ParseResult"/>; adding a command is one class and one line in <see cref="CommandTree"/>.
/// </summary>
internal abstract class CliCommand
{
    /// <param name="path">The command's words, e.g. <c>runs list</c>; all but the last name its group.</param>
    /// <param name="description">One line for help.</param>
    /// <param name="examples">Example command lines shown by <c>--help</c>.</param>
    protected CliCommand(string path, string description, params string[] examples)
    {
        Path = path.Split(' ');
        Command = new Command(Path[^1], description);
        Examples = examples;
    }

    /// <summary>The command's words, e.g. <c>["runs", "list"]</c>.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The declaration that parsing, help and completion come from.</summary>
    public Command Command { get; }

    /// <summary>Example command lines for help.</summary>
    public IReadOnlyList<string> Examples { get; }

    /// <summary>Runs the command and returns its exit code; failures are thrown as CliException or UsageException.</summary>
    public abstract Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken);
}
