using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Api;

/// <summary>RetryRun's and WatchRun's structured log messages at the API (event ids 680-689 of the API's 600-699).</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 680, Level = LogLevel.Information, Message = "Retry of run {RunId} requested (all steps: {AllSteps}); it is run attempt {RunAttempt} now")]
    public static partial void RunRetryRequested(ILogger logger, long runId, bool allSteps, int runAttempt);

    [LoggerMessage(EventId = 681, Level = LogLevel.Debug, Message = "Watching run {RunId} after sequence {Sequence}")]
    public static partial void WatchStarted(ILogger logger, long runId, long sequence);

    [LoggerMessage(EventId = 682, Level = LogLevel.Debug, Message = "Watch of run {RunId} ended after sequence {Sequence}: {Reason}")]
    public static partial void WatchEnded(ILogger logger, long runId, long sequence, string reason);
}
