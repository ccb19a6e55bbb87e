using System.CommandLine;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Commands;

/// <summary><c>help [COMMAND...]</c>: the same help as <c>cpctl COMMAND --help</c>.</summary>
internal sealed class HelpCommand : CliCommand
{
    private readonly Argument<string[]> _words = new("COMMAND") { Description = "a command, e.g. runs list", Arity = ArgumentArity.ZeroOrMore };

    public HelpCommand()
        : base("help", "show help for a command", "cpctl help runs list")
    {
        Command.Add(_words);
    }

    public override Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var help = parse.RootCommandResult.Command.Parse([.. parse.GetValue(_words) ?? [], "--help"], CommandTree.Parsing);
        if (help.UnmatchedTokens.Count > 0)
        {
            throw new UsageException("help: " + ParseErrors.Describe(help));
        }

        return help.InvokeAsync(parse.InvocationConfiguration, cancellationToken);
    }
}
