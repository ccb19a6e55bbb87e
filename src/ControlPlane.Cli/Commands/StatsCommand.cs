using System.CommandLine;
using System.Globalization;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Cli.Commands;

/// <summary><c>stats [WORKFLOW]</c>: how the runs of a recent window went — counts by state, success rate, duration percentiles, failing steps.</summary>
internal sealed class StatsCommand : CliCommand
{
    private readonly Argument<string?> _workflow = TypedOptions.OptionalArgument("WORKFLOW", "only runs of this workflow (all workflows when omitted)");
    private readonly Option<TimeSpan?> _window = TypedOptions.Duration("--window", "AGE", "runs created in the last AGE, e.g. 24h, 30d (default 7d)");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public StatsCommand()
        : base("stats", "summarize recent runs: counts, success rate, p50/p95 duration, failing steps", "cpctl stats", "cpctl stats ci --window 30d", "cpctl stats ci -o json")
    {
        Command.Add(_workflow);
        Command.Add(_window);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var request = new GetStatsRequest { WorkflowName = parse.GetValue(_workflow) ?? string.Empty };
        if (parse.GetValue(_window) is { } window)
        {
            request.Window = Duration.FromTimeSpan(window);
        }

        var stats = await context.Api.CallAsync(o => context.Api.Stats.GetStatsAsync(request, o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, stats);
            return ExitCodes.Success;
        }

        var scope = request.WorkflowName.Length > 0 ? $"workflow {request.WorkflowName}" : "all workflows";
        context.Console.WriteLine($"runs of {scope} created since {Display.Time(stats.Since)}: {stats.RunsTotal}");
        context.Console.WriteLine("  " + string.Join("  ", stats.RunsByState.Select(s => $"{Display.Name(s.State)} {s.Count}")));
        context.Console.WriteLine(stats.RunsFinished == 0
            ? "success rate: - (no run finished)"
            : $"success rate: {(stats.SuccessRate * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of {stats.RunsFinished} finished");
        context.Console.WriteLine($"duration: p50 {Span(stats.P50Duration)}  p95 {Span(stats.P95Duration)}");
        if (stats.StepFailures.Count == 0)
        {
            context.Console.WriteLine("no step failed");
            return ExitCodes.Success;
        }

        var table = new TableView("STEP", "FAILED RUNS", "FAILED ATTEMPTS");
        foreach (var failure in stats.StepFailures)
        {
            table.Add(failure.StepKey, failure.FailedSteps.ToString(CultureInfo.InvariantCulture), failure.FailedAttempts.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(context.Console);
        return ExitCodes.Success;
    }

    private static string Span(Duration? duration) => duration is null ? "-" : Display.Duration(duration.ToTimeSpan());
}
