using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>cancel RUN</c>: requests cancellation; idempotent, so cancelling a finished run is not an error.</summary>
internal sealed class CancelCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["cancel"],
        "cancel a run (running steps are stopped by their runners)",
        [new ArgumentSpec("RUN", "the run's id")],
        [CommonOptions.Output],
        ["cpctl cancel 12"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var request = new CancelRunRequest { RunId = ValueParsers.Id(arguments.Argument("RUN")!, "RUN") };
        var response = await context.Api.CallAsync(o => context.Api.Runs.CancelRunAsync(request, o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
        }
        else
        {
            context.Console.WriteLine($"run {response.Run.Id} {Display.Name(response.Run.State)}");
        }

        return ExitCodes.Success;
    }
}
