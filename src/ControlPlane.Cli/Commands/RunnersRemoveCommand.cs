using System.CommandLine;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runners remove RUNNER</c>: forget a runner and its token (drain it and stop its agent first).</summary>
internal sealed class RunnersRemoveCommand : CliCommand
{
    private readonly Argument<string> _runner = TypedOptions.TextArgument("RUNNER", "the runner's id or name");

    public RunnersRemoveCommand()
        : base("runners remove", "forget a runner and its token (it must be offline and hold no attempts)", "cpctl runners remove build-3")
    {
        Command.Add(_runner);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var id = await RunnerReference.ResolveAsync(context.Api, parse.GetRequiredValue(_runner), cancellationToken);
        await context.Api.CallAsync(o => context.Api.Admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = id }, o), cancellationToken);
        context.Console.WriteLine($"runner {id} removed");
        return ExitCodes.Success;
    }
}
