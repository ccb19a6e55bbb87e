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
internal sealed class LogsCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["logs"],
        "print the logs of a run's steps",
        [new ArgumentSpec("RUN", "the run's id"), new ArgumentSpec("STEP", "a step's key (all steps, in plan order, when omitted)", Required: false)],
        [
            OptionSpec.Flag("follow", "keep printing new output until the step (or run) ends", 'f'),
            OptionSpec.Value("attempt", "N", "the step's attempt N instead of its latest"),
            LogOutput.RawOption,
        ],
        ["cpctl logs 12", "cpctl logs 12 build -f", "cpctl logs 12 test --attempt 1", "cpctl logs 12 build --raw > build.log"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var runId = ValueParsers.Id(arguments.Argument("RUN")!, "RUN");
        var attempt = arguments.Value("attempt") is { } text ? ValueParsers.Int(text, arguments.Where("attempt"), 1, int.MaxValue) : 0;
        var follow = arguments.Has("follow");
        var output = LogOutput.For(context.Console, arguments.Has(LogOutput.RawOption.Name));
        var api = context.Api;
        if (arguments.Argument("STEP") is { } stepKey)
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
