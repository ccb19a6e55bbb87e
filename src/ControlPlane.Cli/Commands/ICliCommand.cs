using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// One cpctl command: its spec (words, arguments, options, help) and what it does. Adding a command is one class
/// implementing this and one line in <see cref="CommandCatalog"/>.
/// </summary>
internal interface ICliCommand
{
    /// <summary>The command's shape; parsing and help come from it.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs the command and returns its exit code; failures are thrown as CliException or UsageException.</summary>
    Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken);
}
