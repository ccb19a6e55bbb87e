using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runs get RUN</c>: one run with every step, its state, attempt, runner and result.</summary>
internal sealed class RunsGetCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["runs", "get"],
        "show a run and its steps",
        [new ArgumentSpec("RUN", "the run's id")],
        [CommonOptions.Output],
        ["cpctl runs get 12", "cpctl runs get 12 -o json"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var runId = ValueParsers.Id(arguments.Argument("RUN")!, "RUN");
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
