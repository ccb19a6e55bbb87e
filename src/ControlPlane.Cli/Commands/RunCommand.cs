using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// <c>run WORKFLOW</c>: starts a run (or plans one with --dry-run); --wait blocks until it ends and exits 0 only if
/// it succeeded; --follow also streams its steps' logs.
/// </summary>
internal sealed class RunCommand : CliCommand
{
    private readonly Argument<string> _workflow = TypedOptions.TextArgument("WORKFLOW", "the workflow's name");
    private readonly Option<Dictionary<string, string>> _inputs = CommonOptions.Input();
    private readonly Option<string?> _idempotencyKey = TypedOptions.Text("--idempotency-key", "KEY", "repeating the same request with this key returns the same run");
    private readonly Option<long?> _revision = TypedOptions.Id("--revision", "ID", "run this revision instead of the latest");
    private readonly Option<int?> _priority = TypedOptions.Int("--priority", "N", "higher runs go first (default 0)", -1000, 1000);
    private readonly Option<bool> _dryRun = TypedOptions.Flag("--dry-run", "print the plan; start nothing");
    private readonly Option<bool> _wait = TypedOptions.Flag("--wait", "block until the run ends; exit 0 only if it succeeded", "-w");
    private readonly Option<bool> _follow = TypedOptions.Flag("--follow", "stream the steps' logs as they run, then exit like --wait", "-f");
    private readonly Option<bool> _raw = CommonOptions.Raw();
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public RunCommand()
        : base("run", "start a run of a workflow", "cpctl run ci -i version=1.2.0 --follow", "cpctl run deploy -i env=prod --idempotency-key deploy-42 --wait", "cpctl run ci --dry-run")
    {
        Command.Add(_workflow);
        Command.Add(_inputs);
        Command.Add(_idempotencyKey);
        Command.Add(_revision);
        Command.Add(_priority);
        Command.Add(_dryRun);
        Command.Add(_wait);
        Command.Add(_follow);
        Command.Add(_raw);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var follow = parse.GetValue(_follow);
        var raw = parse.GetValue(_raw);
        if (follow && format == OutputFormat.Json)
        {
            throw new UsageException("run: --follow prints logs and cannot be combined with --output json; use --wait");
        }

        if (raw && !follow)
        {
            throw new UsageException("run: --raw is about the logs --follow prints; add --follow");
        }

        var request = new StartRunRequest
        {
            WorkflowName = parse.GetRequiredValue(_workflow),
            Inputs = { parse.GetRequiredValue(_inputs) },
            IdempotencyKey = parse.GetValue(_idempotencyKey) ?? string.Empty,
            RevisionId = parse.GetValue(_revision) ?? 0,
            Priority = parse.GetValue(_priority) ?? 0,
            DryRun = parse.GetValue(_dryRun),
        };
        var api = context.Api;
        var started = await api.CallAsync(o => api.Runs.StartRunAsync(request, o), cancellationToken);
        if (request.DryRun || !(follow || parse.GetValue(_wait)))
        {
            PrintStarted(context.Console, format, started);
            return ExitCodes.Success;
        }

        if (format == OutputFormat.Table)
        {
            PrintStarted(context.Console, format, started);
        }

        var final = follow
            ? await new RunFollower(context, LogOutput.For(context.Console, raw), started.Run.Id).FollowAsync(cancellationToken)
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
