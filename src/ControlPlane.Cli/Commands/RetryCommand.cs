using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>retry RUN [--all]</c>: runs a finished run again as its next run attempt.</summary>
internal sealed class RetryCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["retry"],
        "run a finished run again: its failed, cancelled and skipped steps (or every step with --all)",
        [new ArgumentSpec("RUN", "the run's id")],
        [OptionSpec.Flag("all", "retry every step, also those that succeeded"), CommonOptions.Output],
        ["cpctl retry 12", "cpctl retry 12 --all"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var request = new RetryRunRequest { RunId = ValueParsers.Id(arguments.Argument("RUN")!, "RUN"), AllSteps = arguments.Has("all") };
        var response = await context.Api.CallAsync(o => context.Api.Runs.RetryRunAsync(request, o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
        }
        else
        {
            context.Console.WriteLine($"run {response.Run.Id} {Display.Name(response.Run.State)} as run attempt {response.Run.RunAttempt}");
        }

        return ExitCodes.Success;
    }
}
