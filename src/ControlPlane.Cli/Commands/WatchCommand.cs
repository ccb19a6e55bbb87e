using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;
using ControlPlane.Cli.Watch;
using ControlPlane.Contracts.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// <c>watch RUN</c>: the run's step graph kept current from WatchRun events, as a live table on a terminal or one
/// line per change otherwise; exits with the run's result (0 only when it succeeded).
/// </summary>
internal sealed class WatchCommand : CliCommand
{
    private readonly Argument<long> _run = TypedOptions.IdArgument("RUN", "the run's id");

    public WatchCommand()
        : base("watch", "watch a run's steps change until it ends; exit 0 only if it succeeded", "cpctl watch 12")
    {
        Command.Add(_run);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var runId = parse.GetValue(_run);
        var watcher = new RunWatcher(context.Api, context.Time, runId);
        GetRunResponse final;
        if (context.Console.IsTerminal)
        {
            final = await context.Console.Ansi.Live(new Text("reading the run..."))
                .StartAsync(live => watcher.WatchAsync(run => { live.UpdateTarget(Render(run, context.Time.GetUtcNow())); live.Refresh(); }, cancellationToken));
        }
        else
        {
            var view = new PlainWatchView(context.Console, context.Time);
            final = await watcher.WatchAsync(view.Show, cancellationToken);
        }

        context.Console.WriteLine(RunOutcome.Describe(final, context.Time.GetUtcNow()));
        return RunOutcome.ExitCode(final.Run.State);
    }

    private static Rows Render(GetRunResponse run, DateTimeOffset now)
    {
        var header = RunTables.Header(run.Run, now).Select(l => (IRenderable)new Text(TerminalText.Line(l)));
        return new Rows([.. header, RunTables.Steps(run.Steps, now).ToSpectre()]);
    }
}
