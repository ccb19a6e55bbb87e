using System.CommandLine;
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
internal sealed class DevCommand : CliCommand
{
    private const int HistoryRows = 10;

    private readonly Argument<string> _file = TypedOptions.TextArgument("FILE", "the workflow file to run");
    private readonly Option<Dictionary<string, string>> _inputs = CommonOptions.Input();
    private readonly Option<string?> _dataDir = TypedOptions.Text("--data-dir", "DIR", "where the server's database, the agent's state and both logs live (default ./cp-dev)");
    private readonly Option<int?> _port = TypedOptions.Int("--port", "PORT", "port of the server on 127.0.0.1 (default: a free one)", 0, 65535);
    private readonly Option<int?> _capacity = TypedOptions.Int("--capacity", "N", "steps the local agent runs at once (default 4)", 1, 64);
    private readonly Option<bool> _raw = CommonOptions.Raw();

    public DevCommand()
        : base(
            "dev",
            "run a workflow on a local server and agent started for the purpose (data kept in --data-dir)",
            "cpctl dev examples/ci.yaml",
            "cpctl dev examples/ci.yaml -i version=1.2.0 --data-dir /tmp/cp-dev")
    {
        Command.Add(_file);
        Command.Add(_inputs);
        Command.Add(_dataDir);
        Command.Add(_port);
        Command.Add(_capacity);
        Command.Add(_raw);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetRequiredValue(_file);
        var source = await WorkflowFiles.ReadAsync(file, cancellationToken);
        var inputs = parse.GetRequiredValue(_inputs);
        var dataDir = parse.GetValue(_dataDir) ?? "cp-dev";
        var port = parse.GetValue(_port) ?? 0;
        var capacity = parse.GetValue(_capacity) ?? 4;
        var console = context.Console;

        console.WriteLine($"dev: starting a server and an agent over {System.IO.Path.GetFullPath(dataDir)}");
        await using var environment = await DevEnvironment.StartAsync(dataDir, port, capacity, cancellationToken);
        console.WriteLine($"dev: server {environment.Address} (log {environment.ServerLog}), agent dev-agent (log {environment.AgentLog})");
        using var local = new CommandContext(console, () => new CliSettings(environment.Address, null, null), context.Time);
        var api = local.Api;

        var applied = await api.CallAsync(o => api.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = file, Source = source }, o), cancellationToken);
        var workflow = applied.Revision.WorkflowName;
        console.WriteLine($"dev: workflow {workflow} revision {applied.Revision.Id} ({(applied.Created ? "new" : "unchanged")})");
        var started = await api.CallAsync(o => api.Runs.StartRunAsync(new StartRunRequest { WorkflowName = workflow, Inputs = { inputs } }, o), cancellationToken);
        console.WriteLine($"dev: run {started.Run.Id} started; following its steps");

        var final = await new RunFollower(local, LogOutput.For(console, parse.GetValue(_raw)), started.Run.Id).FollowAsync(cancellationToken);
        var now = context.Time.GetUtcNow();
        console.WriteLine(string.Empty);
        RunTables.Steps(final.Steps, now).Write(console);
        console.WriteLine(RunOutcome.Describe(final, now));

        var history = await api.CallAsync(o => api.Runs.ListRunsAsync(new ListRunsRequest { WorkflowName = workflow, PageSize = HistoryRows }, o), cancellationToken);
        console.WriteLine(string.Empty);
        console.WriteLine($"dev: the last runs of {workflow} in {System.IO.Path.GetFullPath(dataDir)}:");
        RunTables.Runs(history.Runs, now).Write(console);
        return RunOutcome.ExitCode(final.Run.State);
    }
}
