using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>cancel RUN</c>: requests cancellation; idempotent, so cancelling a finished run is not an error.</summary>
internal sealed class CancelCommand : CliCommand
{
    private readonly Argument<long> _run = TypedOptions.IdArgument("RUN", "the run's id");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public CancelCommand()
        : base("cancel", "cancel a run (running steps are stopped by their runners)", "cpctl cancel 12")
    {
        Command.Add(_run);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var request = new CancelRunRequest { RunId = parse.GetValue(_run) };
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
