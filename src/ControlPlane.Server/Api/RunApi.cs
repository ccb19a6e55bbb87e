using ControlPlane.Contracts.V1;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Scheduling.Runs;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Api;

/// <summary>gRPC adapter for controlplane.v1.RunService: maps requests, calls the launcher, canceller and queries, maps back.</summary>
public sealed class RunApi : RunService.RunServiceBase
{
    private readonly RunLauncher _launcher;
    private readonly RunCanceller _canceller;
    private readonly RunRetrier _retrier;
    private readonly RunEventFeed _feed;
    private readonly RunPreviewer _previewer;
    private readonly RunQueries _queries;
    private readonly AttemptLogReader _logs;
    private readonly ApiOptions _options;
    private readonly ILogger<RunApi> _logger;

    public RunApi(
        RunLauncher launcher,
        RunCanceller canceller,
        RunRetrier retrier,
        RunEventFeed feed,
        RunPreviewer previewer,
        RunQueries queries,
        AttemptLogReader logs,
        IOptions<ApiOptions> options,
        ILogger<RunApi> logger)
    {
        _launcher = launcher;
        _canceller = canceller;
        _retrier = retrier;
        _feed = feed;
        _previewer = previewer;
        _queries = queries;
        _logs = logs;
        _options = options.Value;
        _logger = logger;
    }

    public override async Task<StartRunResponse> StartRun(StartRunRequest request, ServerCallContext context)
    {
        var workflow = RequestFields.Required(request.WorkflowName, "workflow_name");
        var revision = RequestFields.OptionalRevision(request.RevisionId);
        if (request.DryRun)
        {
            return new StartRunResponse { Plan = await _previewer.PreviewAsync(workflow, revision, request.Inputs, context.CancellationToken) };
        }

        var key = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey;
        var launch = await _launcher.StartAsync(workflow, revision, request.Inputs, key, request.Priority, context.CancellationToken);
        ApiLog.RunRequested(_logger, launch.Run.Id.Value, workflow, launch.Created);
        return new StartRunResponse { Run = RunMessages.ToProto(new RunSummary(launch.Run, workflow)), Created = launch.Created };
    }

    public override async Task<GetRunResponse> GetRun(GetRunRequest request, ServerCallContext context)
    {
        var details = await _queries.GetAsync(RequestFields.RunId(request.RunId), context.CancellationToken);
        return new GetRunResponse { Run = RunMessages.ToProto(details.Run), Steps = { details.Steps.Select(RunMessages.ToProto) } };
    }

    public override async Task<ListRunsResponse> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        var filter = new RunFilter(
            PageSize(request.PageSize),
            string.IsNullOrEmpty(request.WorkflowName) ? null : request.WorkflowName,
            [.. request.States.Select((s, i) => RunMessages.ToCore(s, $"states[{i}]"))],
            ProtoTime.ToTime(request.CreatedAfter),
            ProtoTime.ToTime(request.CreatedBefore),
            RunPageToken.Parse(request.PageToken));
        var page = await _queries.ListAsync(filter, context.CancellationToken);
        return new ListRunsResponse { Runs = { page.Runs.Select(RunMessages.ToProto) }, NextPageToken = RunPageToken.Format(page.Next) };
    }

    public override async Task<CancelRunResponse> CancelRun(CancelRunRequest request, ServerCallContext context)
    {
        var runId = RequestFields.RunId(request.RunId);
        var run = await _canceller.RequestCancelAsync(runId, context.CancellationToken);
        ApiLog.RunCancelRequested(_logger, runId.Value, run.State);
        var details = await _queries.GetAsync(runId, context.CancellationToken);
        return new CancelRunResponse { Run = RunMessages.ToProto(details.Run) };
    }

    public override async Task StreamLogs(StreamLogsRequest request, IServerStreamWriter<StreamLogsResponse> responseStream, ServerCallContext context)
    {
        var runId = RequestFields.RunId(request.RunId);
        var stepKey = RequestFields.Required(request.StepKey, "step_key");
        int? number = request.AttemptNumber == 0 ? null : (int)RequestFields.NotNegative(request.AttemptNumber, "attempt_number");
        var offset = RequestFields.NotNegative(request.Offset, "offset");
        var attempt = await _logs.FindAttemptAsync(runId, stepKey, number, context.CancellationToken);
        ApiLog.LogStreamStarted(_logger, attempt.Id.Value, runId.Value, offset, request.Follow);
        await foreach (var chunk in _logs.ReadAsync(attempt.Id, offset, request.Follow, context.CancellationToken))
        {
            await responseStream.WriteAsync(new StreamLogsResponse
            {
                AttemptId = attempt.Id.Value,
                AttemptNumber = attempt.Number,
                Offset = chunk.Offset,
                Stream = LogMessages.ToProto(chunk.Stream),
                Data = ByteString.CopyFrom(chunk.Data.Span),
            });
        }
    }

    public override async Task<RetryRunResponse> RetryRun(RetryRunRequest request, ServerCallContext context)
    {
        var runId = RequestFields.RunId(request.RunId);
        var run = await _retrier.RetryAsync(runId, request.AllSteps, context.CancellationToken);
        WatchLog.RunRetryRequested(_logger, runId.Value, request.AllSteps, run.RunAttempt);
        var details = await _queries.GetAsync(runId, context.CancellationToken);
        return new RetryRunResponse { Run = RunMessages.ToProto(details.Run) };
    }

    public override async Task WatchRun(WatchRunRequest request, IServerStreamWriter<WatchRunResponse> responseStream, ServerCallContext context)
    {
        var runId = RequestFields.RunId(request.RunId);
        var sequence = RequestFields.NotNegative(request.AfterSequence, "after_sequence");
        WatchLog.WatchStarted(_logger, runId.Value, sequence);
        await foreach (var item in _feed.WatchAsync(runId, sequence, context.CancellationToken))
        {
            await responseStream.WriteAsync(WatchMessages.ToProto(item));
            sequence = item.Event.Sequence;
        }

        WatchLog.WatchEnded(_logger, runId.Value, sequence, "the run ended");
    }

    private int PageSize(int requested) => requested switch
    {
        0 => _options.DefaultPageSize,
        < 0 => throw new ApiArgumentException("page_size", $"must not be negative, not {requested}"),
        _ => Math.Min(requested, _options.MaxPageSize),
    };
}
