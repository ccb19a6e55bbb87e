using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runs list</c>: runs, newest first, filtered by workflow, state and creation time; pages are fetched up to --limit.</summary>
internal sealed class RunsListCommand : CliCommand
{
    private const int DefaultLimit = 20;

    private readonly Option<string?> _workflow = TypedOptions.Text("--workflow", "NAME", "only runs of this workflow");
    private readonly Option<List<RunState>> _states = TypedOptions.Repeatable(
        "--state", "STATE", "only runs in this state (queued, running, succeeded, failed, cancelling, cancelled; or several, comma-separated)", ValueParsers.RunStates);

    private readonly Option<PointInTime?> _since = TypedOptions.Parsed<PointInTime?>("--since", "AGE|DATE", "only runs created in the last AGE (e.g. 1h, 2d) or since DATE", ValueParsers.PointInTime);
    private readonly Option<PointInTime?> _until = TypedOptions.Parsed<PointInTime?>("--until", "AGE|DATE", "only runs created before AGE ago (e.g. 1h) or before DATE (RFC 3339)", ValueParsers.PointInTime);
    private readonly Option<int?> _limit = TypedOptions.Int("--limit", "N", $"at most N runs (default {DefaultLimit})", 1, 100_000);
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public RunsListCommand()
        : base(
            "runs list",
            "list runs, newest first",
            "cpctl runs list --workflow ci --state failed --since 1d",
            "cpctl runs list --since 2026-11-01T00:00:00Z --until 2026-11-02T00:00:00Z",
            "cpctl runs list -o json --limit 100")
    {
        _states.DefaultValueFactory = _ => [];
        _states.CompletionSources.Add([.. ValueParsers.RunStateNames]);
        Command.Add(_workflow);
        Command.Add(_states);
        Command.Add(_since);
        Command.Add(_until);
        Command.Add(_limit);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var limit = parse.GetValue(_limit) ?? DefaultLimit;
        var request = new ListRunsRequest
        {
            WorkflowName = parse.GetValue(_workflow) ?? string.Empty,
            States = { parse.GetRequiredValue(_states) },
        };
        if (parse.GetValue(_since) is { } since)
        {
            request.CreatedAfter = Timestamp.FromDateTimeOffset(since.Resolve(context.Time.GetUtcNow()));
        }

        if (parse.GetValue(_until) is { } until)
        {
            request.CreatedBefore = Timestamp.FromDateTimeOffset(until.Resolve(context.Time.GetUtcNow()));
        }

        var result = new ListRunsResponse();
        do
        {
            request.PageSize = Math.Min(1000, limit - result.Runs.Count);
            var page = await context.Api.CallAsync(o => context.Api.Runs.ListRunsAsync(request, o), cancellationToken);
            result.Runs.Add(page.Runs);
            result.NextPageToken = page.NextPageToken;
            request.PageToken = page.NextPageToken;
        }
        while (result.Runs.Count < limit && request.PageToken.Length > 0);

        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, result);
            return ExitCodes.Success;
        }

        RunTables.Runs(result.Runs, context.Time.GetUtcNow()).Write(context.Console);
        return ExitCodes.Success;
    }
}
