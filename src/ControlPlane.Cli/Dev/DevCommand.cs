using ControlPlane.Cli.Commands;
using ControlPlane.Cli.Configuration;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Runs;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Dev;

/// <summary>
/// <c>dev FILE</c>: the whole system in one command. Starts a local server and agent over a data directory, applies
/// the workflow, runs it, follows its logs live until it ends, shows the workflow's run history, stops everything and
/// exits with the run's result.
/// </summary>
internal sealed class DevCommand : ICliCommand
{
    private const int HistoryRows = 10;

    public CommandSpec Spec { get; } = new(
        ["dev"],
        "run a workflow on a local server and agent started for the purpose (data kept in --data-dir)",
        [new ArgumentSpec("FILE", "the workflow file to run")],
        [
            CommonOptions.Input,
            OptionSpec.Value("data-dir", "DIR", "where the server's database, the agent's state and both logs live (default ./cp-dev)"),
            OptionSpec.Value("port", "PORT", "port of the server on 127.0.0.1 (default: a free one)"),
            OptionSpec.Value("capacity", "N", "steps the local agent runs at once (default 4)"),
            LogOutput.RawOption,
        ],
        ["cpctl dev examples/ci.yaml", "cpctl dev examples/ci.yaml -i version=1.2.0 --data-dir /tmp/cp-dev"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var file = arguments.Argument("FILE")!;
        var source = await WorkflowFiles.ReadAsync(file, cancellationToken);
        var inputs = ValueParsers.KeyValues(arguments.Values("input"), arguments.Where("input"));
        var dataDir = arguments.Value("data-dir") ?? "cp-dev";
        var port = arguments.Value("port") is { } p ? ValueParsers.Int(p, arguments.Where("port"), 0, 65535) : 0;
        var capacity = arguments.Value("capacity") is { } c ? ValueParsers.Int(c, arguments.Where("capacity"), 1, 64) : 4;
        var console = context.Console;

        console.WriteLine($"dev: starting a server and an agent over {Path.GetFullPath(dataDir)}");
        await using var environment = await DevEnvironment.StartAsync(dataDir, port, capacity, cancellationToken);
        console.WriteLine($"dev: server {environment.Address} (log {environment.ServerLog}), agent dev-agent (log {environment.AgentLog})");
        using var local = new CommandContext(console, () => new CliSettings(environment.Address, null, null), context.Time);
        var api = local.Api;

        var applied = await api.CallAsync(o => api.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = file, Source = source }, o), cancellationToken);
        var workflow = applied.Revision.WorkflowName;
        console.WriteLine($"dev: workflow {workflow} revision {applied.Revision.Id} ({(applied.Created ? "new" : "unchanged")})");
        var started = await api.CallAsync(o => api.Runs.StartRunAsync(new StartRunRequest { WorkflowName = workflow, Inputs = { inputs } }, o), cancellationToken);
        console.WriteLine($"dev: run {started.Run.Id} started; following its steps");

        var final = await new RunFollower(local, LogOutput.For(console, arguments.Has(LogOutput.RawOption.Name)), started.Run.Id).FollowAsync(cancellationToken);
        var now = context.Time.GetUtcNow();
        console.WriteLine(string.Empty);
        RunTables.Steps(final.Steps, now).Write(console);
        console.WriteLine(RunOutcome.Describe(final, now));

        var history = await api.CallAsync(o => api.Runs.ListRunsAsync(new ListRunsRequest { WorkflowName = workflow, PageSize = HistoryRows }, o), cancellationToken);
        console.WriteLine(string.Empty);
        console.WriteLine($"dev: the last runs of {workflow} in {Path.GetFullPath(dataDir)}:");
        RunTables.Runs(history.Runs, now).Write(console);
        return RunOutcome.ExitCode(final.Run.State);
    }
}
