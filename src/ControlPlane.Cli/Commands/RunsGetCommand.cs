using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runs get RUN</c>: one run with every step, its state, attempt, runner and result.</summary>
internal sealed class RunsGetCommand : CliCommand
{
    private readonly Argument<long> _run = TypedOptions.IdArgument("RUN", "the run's id");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public RunsGetCommand()
        : base("runs get", "show a run and its steps", "cpctl runs get 12", "cpctl runs get 12 -o json")
    {
        Command.Add(_run);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var runId = parse.GetValue(_run);
        var run = await RunPoller.GetAsync(context.Api, runId, cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, run);
            return ExitCodes.Success;
        }

        var now = context.Time.GetUtcNow();
        foreach (var line in RunTables.Header(run.Run, now))
        {
            context.Console.WriteLine(line);
        }

        context.Console.WriteLine(string.Empty);
        RunTables.Steps(run.Steps, now).Write(context.Console);
        return ExitCodes.Success;
    }
}
