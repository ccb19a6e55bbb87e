using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runners remove RUNNER</c>: forget a runner and its token (drain it and stop its agent first).</summary>
internal sealed class RunnersRemoveCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["runners", "remove"],
        "forget a runner and its token (it must be offline and hold no attempts)",
        [new ArgumentSpec("RUNNER", "the runner's id or name")],
        [],
        ["cpctl runners remove build-3"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var id = await RunnerReference.ResolveAsync(context.Api, arguments.Argument("RUNNER")!, cancellationToken);
        await context.Api.CallAsync(o => context.Api.Admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = id }, o), cancellationToken);
        context.Console.WriteLine($"runner {id} removed");
        return ExitCodes.Success;
    }
}
