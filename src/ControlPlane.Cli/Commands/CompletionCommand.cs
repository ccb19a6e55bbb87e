using System.CommandLine;
using ControlPlane.Cli.Completion;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Commands;

/// <summary><c>completion bash|zsh|fish</c>: prints a script that asks cpctl itself for completions through System.CommandLine's <c>[suggest]</c> directive.</summary>
internal sealed class CompletionCommand : CliCommand
{
    private readonly Argument<string> _shell = TypedOptions.ChoiceArgument("SHELL", "the shell to complete in: bash, zsh or fish", CompletionScripts.Shells);

    public CompletionCommand()
        : base(
            "completion",
            "print a shell completion script for bash, zsh or fish",
            "source <(cpctl completion bash)            # bash, e.g. in ~/.bashrc",
            "source <(cpctl completion zsh)             # zsh, after compinit",
            "cpctl completion fish | source             # fish")
    {
        Command.Add(_shell);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        await context.Console.Out.WriteAsync(CompletionScripts.For(parse.GetRequiredValue(_shell)));
        return ExitCodes.Success;
    }
}
