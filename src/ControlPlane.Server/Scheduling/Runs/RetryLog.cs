using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>RetryRun's structured log messages (event ids 180-189).</summary>
internal static partial class RetryLog
{
    [LoggerMessage(EventId = 180, Level = LogLevel.Information, Message = "Run {RunId} queued again as run attempt {RunAttempt}; {ResetSteps} of {Steps} steps reset (all steps: {AllSteps})")]
    public static partial void RunRetried(ILogger logger, long runId, int runAttempt, int resetSteps, int steps, bool allSteps);
}
