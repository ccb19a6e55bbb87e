using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runs list</c>: runs, newest first, filtered by workflow, state and creation time; pages are fetched up to --limit.</summary>
internal sealed class RunsListCommand : ICliCommand
{
    private const int DefaultLimit = 20;

    public CommandSpec Spec { get; } = new(
        ["runs", "list"],
        "list runs, newest first",
        [],
        [
            OptionSpec.Value("workflow", "NAME", "only runs of this workflow"),
            OptionSpec.Value("state", "STATE", "only runs in this state (queued, running, succeeded, failed, cancelling, cancelled)", repeatable: true),
            OptionSpec.Value("since", "AGE|DATE", "only runs created in the last AGE (e.g. 1h, 2d) or since DATE"),
            OptionSpec.Value("until", "AGE|DATE", "only runs created before AGE ago (e.g. 1h) or before DATE (RFC 3339)"),
            OptionSpec.Value("limit", "N", $"at most N runs (default {DefaultLimit})"),
            CommonOptions.Output,
        ],
        ["cpctl runs list --workflow ci --state failed --since 1d", "cpctl runs list --since 2026-11-01T00:00:00Z --until 2026-11-02T00:00:00Z", "cpctl runs list -o json --limit 100"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var limit = arguments.Value("limit") is { } text ? ValueParsers.Int(text, arguments.Where("limit"), 1, 100_000) : DefaultLimit;
        var request = new ListRunsRequest
        {
            WorkflowName = arguments.Value("workflow") ?? string.Empty,
            States = { ValueParsers.RunStates(arguments.Values("state"), arguments.Where("state")) },
        };
        if (arguments.Value("since") is { } since)
        {
            request.CreatedAfter = Timestamp.FromDateTimeOffset(ValueParsers.Since(since, arguments.Where("since"), context.Time.GetUtcNow()));
        }

        if (arguments.Value("until") is { } until)
        {
            request.CreatedBefore = Timestamp.FromDateTimeOffset(ValueParsers.Since(until, arguments.Where("until"), context.Time.GetUtcNow()));
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
