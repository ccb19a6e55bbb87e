using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Runners;

/// <summary>The runner protocol's structured log messages; RunnerId, RunId, StepId and AttemptId are named properties.</summary>
internal static partial class RunnerProtocolLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Runner {RunnerId} registered as {RunnerName} with capacity {Capacity}")]
    public static partial void Registered(ILogger logger, long runnerId, string runnerName, int capacity);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Registration of runner {RunnerName} refused: the registration token is not valid")]
    public static partial void RegistrationRefused(ILogger logger, string runnerName);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Runner {RunnerId} stream opened; {Held} held attempts, {Resumed} resumed")]
    public static partial void StreamOpened(ILogger logger, long runnerId, int held, int resumed);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Runner {RunnerId} stream ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, long runnerId, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Runner {RunnerId} attempt {AttemptId} not resumed: {Reason}")]
    public static partial void NotResumed(ILogger logger, long runnerId, long attemptId, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Runner {RunnerId} attempt {AttemptId} aborted: {Reason}")]
    public static partial void AttemptAborted(ILogger logger, long runnerId, long attemptId, string reason);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Run {RunId} step {StepId} reads secret {SecretName}, which the secrets file does not hold; it reads as empty")]
    public static partial void SecretMissing(ILogger logger, long runId, long stepId, string secretName);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Run {RunId} step {StepId} attempt {AttemptId} cannot be offered: {Reason}")]
    public static partial void StepUnresolvable(ILogger logger, long runId, long stepId, long attemptId, string reason);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Runner {RunnerId} attempt {AttemptId} log refused: {Reason}")]
    public static partial void LogRefused(ILogger logger, long runnerId, long attemptId, string reason);

    [LoggerMessage(EventId = 309, Level = LogLevel.Information, Message = "Runner {RunnerId} is draining: {Reason}")]
    public static partial void RunnerDraining(ILogger logger, long runnerId, string reason);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Runner {RunnerId} sent an empty or unknown message; ignored")]
    public static partial void UnknownMessage(ILogger logger, long runnerId);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Runner {RunnerId} stream failed")]
    public static partial void StreamFailed(ILogger logger, Exception exception, long runnerId);
}
