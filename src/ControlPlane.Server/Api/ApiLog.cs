using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Api;

/// <summary>The operator API's structured log messages (event ids 600-699).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Workflow {Workflow} applied as revision {RevisionId} (created: {Created})")]
    public static partial void WorkflowApplied(ILogger logger, string workflow, long revisionId, bool created);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Run {RunId} of {Workflow} requested (created: {Created})")]
    public static partial void RunRequested(ILogger logger, long runId, string workflow, bool created);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Cancel of run {RunId} requested; the run is {State}")]
    public static partial void RunCancelRequested(ILogger logger, long runId, Core.Runs.RunState state);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug, Message = "Streaming the log of attempt {AttemptId} of run {RunId} from byte {Offset} (follow: {Follow})")]
    public static partial void LogStreamStarted(ILogger logger, long attemptId, long runId, long offset, bool follow);
}
