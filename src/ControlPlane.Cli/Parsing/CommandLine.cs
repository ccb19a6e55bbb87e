namespace ControlPlane.Cli.Parsing;

/// <summary>
/// A parsed command line: the global options and either the command to run with its arguments, or a request for
/// help (on a command, on a group of commands such as <c>runs</c>, or on everything when <see cref="HelpPath"/> is empty).
/// </summary>
internal sealed record CommandLine(GlobalOptions Globals, ParsedArguments? Arguments, IReadOnlyList<string>? HelpPath);
