using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>retry RUN [--all]</c>: runs a finished run again as its next run attempt.</summary>
internal sealed class RetryCommand : CliCommand
{
    private readonly Argument<long> _run = TypedOptions.IdArgument("RUN", "the run's id");
    private readonly Option<bool> _all = TypedOptions.Flag("--all", "retry every step, also those that succeeded");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public RetryCommand()
        : base("retry", "run a finished run again: its failed, cancelled and skipped steps (or every step with --all)", "cpctl retry 12", "cpctl retry 12 --all")
    {
        Command.Add(_run);
        Command.Add(_all);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var request = new RetryRunRequest { RunId = parse.GetValue(_run), AllSteps = parse.GetValue(_all) };
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
