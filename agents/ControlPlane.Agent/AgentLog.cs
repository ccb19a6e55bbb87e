using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent;

/// <summary>The agent's log messages, with run, step and attempt ids as named properties.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Registered as runner {RunnerId} ({RunnerName})")]
    public static partial void Registered(ILogger logger, long runnerId, string runnerName);

    [LoggerMessage(2, LogLevel.Information, "Connected to {Server} as runner {RunnerId}: heartbeat every {HeartbeatInterval}, lease {LeaseDuration}, {Held} attempts held")]
    public static partial void Connected(ILogger logger, string server, long runnerId, TimeSpan heartbeatInterval, TimeSpan leaseDuration, int held);

    [LoggerMessage(3, LogLevel.Warning, "Connection to {Server} lost ({Reason}); reconnecting in {Delay}")]
    public static partial void Disconnected(ILogger logger, string server, string reason, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "Accepted attempt {AttemptId} (run {RunId}, step {StepKey}, attempt {Attempt}, epoch {Epoch})")]
    public static partial void Accepted(ILogger logger, long attemptId, long runId, string stepKey, int attempt, long epoch);

    [LoggerMessage(5, LogLevel.Information, "Rejected attempt {AttemptId}: {Reason}")]
    public static partial void Rejected(ILogger logger, long attemptId, string reason);

    [LoggerMessage(6, LogLevel.Information, "Attempt {AttemptId} ({RunId}/{StepId}#{Attempt}) ended: {Outcome}, exit code {ExitCode}")]
    public static partial void Ended(ILogger logger, long attemptId, string runId, string stepId, int attempt, string outcome, int? exitCode);

    [LoggerMessage(7, LogLevel.Information, "Attempt {AttemptId} reported and its log acknowledged ({LogLength} bytes)")]
    public static partial void Reported(ILogger logger, long attemptId, long logLength);

    [LoggerMessage(8, LogLevel.Warning, "Attempt {AttemptId} aborted: {Reason}")]
    public static partial void Aborted(ILogger logger, long attemptId, string reason);

    [LoggerMessage(9, LogLevel.Information, "Cancelling attempt {AttemptId}: {Reason}")]
    public static partial void Cancelling(ILogger logger, long attemptId, string reason);

    [LoggerMessage(10, LogLevel.Information, "Reattached attempt {AttemptId} under epoch {Epoch}, log resumes at {LogOffset}")]
    public static partial void Reattached(ILogger logger, long attemptId, long epoch, long logOffset);

    [LoggerMessage(11, LogLevel.Warning, "Attempt {AttemptId} ({RunId}/{StepId}#{Attempt}) was running when the agent stopped; stopped it ({What})")]
    public static partial void LostOnRestart(ILogger logger, long attemptId, string runId, string stepId, int attempt, string what);

    [LoggerMessage(12, LogLevel.Information, "Draining: {Reason}; {Running} attempts still running")]
    public static partial void Draining(ILogger logger, string reason, int running);

    [LoggerMessage(13, LogLevel.Warning, "Stopping now: cancelling {Running} running attempts")]
    public static partial void ForcedStop(ILogger logger, int running);

    [LoggerMessage(14, LogLevel.Error, "Attempt {AttemptId} failed inside the agent")]
    public static partial void AttemptCrashed(ILogger logger, long attemptId, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "No message from the server for {Silence}; dropping the connection")]
    public static partial void ServerSilent(ILogger logger, TimeSpan silence);

    [LoggerMessage(20, LogLevel.Information, "The server is closing the connection ({Reason}); reconnecting")]
    public static partial void ServerClosing(ILogger logger, string reason);

    [LoggerMessage(19, LogLevel.Warning, "Connecting to {Server} over plain http:// from another host: the runner token, step scripts and secrets, logs and outputs travel in cleartext; use an https:// server address (with --ca-cert for a private CA), or pass --allow-cleartext if the network is secured otherwise")]
    public static partial void CleartextServer(ILogger logger, string server);

    [LoggerMessage(18, LogLevel.Warning, "Stopping attempt {AttemptId}: {Reason}")]
    public static partial void Fencing(ILogger logger, long attemptId, string reason);

    [LoggerMessage(17, LogLevel.Information, "Docker is not available ({Reason}); docker steps will fail until it is")]
    public static partial void DockerUnavailable(ILogger logger, string reason);

    [LoggerMessage(16, LogLevel.Information, "Stopped leftover container {ContainerId} of a previous agent life")]
    public static partial void ContainerRemoved(ILogger logger, string containerId);
}
