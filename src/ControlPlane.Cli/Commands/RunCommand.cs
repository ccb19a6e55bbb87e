using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// <c>run WORKFLOW</c>: starts a run (or plans one with --dry-run); --wait blocks until it ends and exits 0 only if
/// it succeeded; --follow also streams its steps' logs.
/// </summary>
internal sealed class RunCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["run"],
        "start a run of a workflow",
        [new ArgumentSpec("WORKFLOW", "the workflow's name")],
        [
            CommonOptions.Input,
            OptionSpec.Value("idempotency-key", "KEY", "repeating the same request with this key returns the same run"),
            OptionSpec.Value("revision", "ID", "run this revision instead of the latest"),
            OptionSpec.Value("priority", "N", "higher runs go first (default 0)"),
            OptionSpec.Flag("dry-run", "print the plan; start nothing"),
            OptionSpec.Flag("wait", "block until the run ends; exit 0 only if it succeeded", 'w'),
            OptionSpec.Flag("follow", "stream the steps' logs as they run, then exit like --wait", 'f'),
            LogOutput.RawOption,
            CommonOptions.Output,
        ],
        ["cpctl run ci -i version=1.2.0 --follow", "cpctl run deploy -i env=prod --idempotency-key deploy-42 --wait", "cpctl run ci --dry-run"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var follow = arguments.Has("follow");
        if (follow && format == OutputFormat.Json)
        {
            throw new UsageException("run: --follow prints logs and cannot be combined with --output json; use --wait");
        }

        if (arguments.Has(LogOutput.RawOption.Name) && !follow)
        {
            throw new UsageException("run: --raw is about the logs --follow prints; add --follow");
        }

        var request = new StartRunRequest
        {
            WorkflowName = arguments.Argument("WORKFLOW")!,
            Inputs = { ValueParsers.KeyValues(arguments.Values("input"), arguments.Where("input")) },
            IdempotencyKey = arguments.Value("idempotency-key") ?? string.Empty,
            RevisionId = arguments.Value("revision") is { } revision ? ValueParsers.Id(revision, arguments.Where("revision")) : 0,
            Priority = arguments.Value("priority") is { } priority ? ValueParsers.Int(priority, arguments.Where("priority"), -1000, 1000) : 0,
            DryRun = arguments.Has("dry-run"),
        };
        var api = context.Api;
        var started = await api.CallAsync(o => api.Runs.StartRunAsync(request, o), cancellationToken);
        if (request.DryRun || !(follow || arguments.Has("wait")))
        {
            PrintStarted(context.Console, format, started);
            return ExitCodes.Success;
        }

        if (format == OutputFormat.Table)
        {
            PrintStarted(context.Console, format, started);
        }

        var final = follow
            ? await new RunFollower(context, LogOutput.For(context.Console, arguments.Has(LogOutput.RawOption.Name)), started.Run.Id).FollowAsync(cancellationToken)
            : await RunPoller.WaitAsync(api, started.Run.Id, context.Time, null, cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, final);
        }
        else
        {
            context.Console.WriteLine(RunOutcome.Describe(final, context.Time.GetUtcNow()));
        }

        return RunOutcome.ExitCode(final.Run.State);
    }

    private static void PrintStarted(CliConsole console, OutputFormat format, StartRunResponse started)
    {
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(console, started);
        }
        else if (started.Run is null)
        {
            console.WriteBlock(started.Plan);
        }
        else
        {
            var run = started.Run;
            var how = started.Created ? "started" : "already exists for this idempotency key";
            console.WriteLine($"run {run.Id} {how} (workflow {run.WorkflowName} revision {run.RevisionId}, {Display.Name(run.State)})");
        }
    }
}
