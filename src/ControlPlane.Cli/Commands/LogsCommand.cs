using System.CommandLine;
using ControlPlane.Cli.Api;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Text;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// <c>logs RUN [STEP]</c>: one step's log as written, or every step's in plan order with each line prefixed by its
/// step key; -f keeps following (all steps as they run when STEP is omitted). On a terminal the logs are shown
/// escaped; piped or with --raw they are the stored bytes (<see cref="LogOutput"/>).
/// </summary>
internal sealed class LogsCommand : CliCommand
{
    private readonly Argument<long> _run = TypedOptions.IdArgument("RUN", "the run's id");
    private readonly Argument<string?> _step = TypedOptions.OptionalArgument("STEP", "a step's key (all steps, in plan order, when omitted)");
    private readonly Option<bool> _follow = TypedOptions.Flag("--follow", "keep printing new output until the step (or run) ends", "-f");
    private readonly Option<int?> _attempt = TypedOptions.Int("--attempt", "N", "the step's attempt N instead of its latest", 1, int.MaxValue);
    private readonly Option<bool> _raw = CommonOptions.Raw();

    public LogsCommand()
        : base("logs", "print the logs of a run's steps", "cpctl logs 12", "cpctl logs 12 build -f", "cpctl logs 12 test --attempt 1", "cpctl logs 12 build --raw > build.log")
    {
        Command.Add(_run);
        Command.Add(_step);
        Command.Add(_follow);
        Command.Add(_attempt);
        Command.Add(_raw);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var runId = parse.GetValue(_run);
        var attempt = parse.GetValue(_attempt) ?? 0;
        var follow = parse.GetValue(_follow);
        var output = LogOutput.For(context.Console, parse.GetValue(_raw));
        var api = context.Api;
        if (parse.GetValue(_step) is { } stepKey)
        {
            if (follow && attempt == 0)
            {
                await WaitForAttemptAsync(context, runId, stepKey, cancellationToken);
            }

            await LogStreamer.StreamAsync(api, runId, stepKey, attempt, follow, output.Writer(string.Empty), cancellationToken);
            return ExitCodes.Success;
        }

        if (follow)
        {
            await new RunFollower(context, output, runId).FollowAsync(cancellationToken);
            return ExitCodes.Success;
        }

        var run = await RunPoller.GetAsync(api, runId, cancellationToken);
        foreach (var step in run.Steps)
        {
            var chosen = attempt == 0 ? Display.LatestAttempt(step) : step.Attempts.FirstOrDefault(a => a.Number == attempt);
            if (chosen is null)
            {
                continue;
            }

            var writer = output.Writer(PrefixedLineWriter.PrefixFor(step.Key, chosen.Number));
            await LogStreamer.StreamAsync(api, runId, step.Key, chosen.Number, follow: false, writer, cancellationToken);
        }

        return ExitCodes.Success;
    }

    /// <summary>Following a step that has not started yet waits for its first attempt (or the run's end).</summary>
    private static async Task WaitForAttemptAsync(CommandContext context, long runId, string stepKey, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await RunPoller.GetAsync(context.Api, runId, cancellationToken);
            var step = run.Steps.FirstOrDefault(s => s.Key == stepKey)
                ?? throw new CliException(ExitCodes.Failed, $"run {runId} has no step '{stepKey}'{NameSuggester.Hint(stepKey, run.Steps.Select(s => s.Key))}");
            if (step.Attempts.Any(a => a.State != AttemptState.Offered) || Display.IsFinished(run.Run.State))
            {
                return;
            }

            await Task.Delay(RunPoller.Interval, context.Time, cancellationToken);
        }
    }
}
