using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling;

/// <summary>The scheduler's structured log messages; RunId, StepId, RunnerId and Attempt are named properties.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Recovered {Runs} active runs; {Attempts} live attempts get {Grace} for their runners to reattach")]
    public static partial void Recovered(ILogger logger, int runs, int attempts, TimeSpan grace);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Run {RunId} of workflow {Workflow} created with {Steps} steps")]
    public static partial void RunCreated(ILogger logger, long runId, string workflow, int steps);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Run {RunId} started")]
    public static partial void RunStarted(ILogger logger, long runId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Run {RunId} {State}: {Reason}")]
    public static partial void RunFinished(ILogger logger, long runId, string state, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Run {RunId} cancelling: {Reason}")]
    public static partial void RunCancelling(ILogger logger, long runId, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Step {StepId} of run {RunId} offered to runner {RunnerId} as attempt {Attempt} (epoch {Epoch})")]
    public static partial void StepOffered(ILogger logger, long runId, long stepId, long runnerId, int attempt, long epoch);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Offer of step {StepId} of run {RunId} to runner {RunnerId} (attempt {Attempt}) expired; back in the queue")]
    public static partial void OfferExpired(ILogger logger, long runId, long stepId, long runnerId, int attempt);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Lease of step {StepId} of run {RunId} on runner {RunnerId} (attempt {Attempt}) expired; the runner is presumed lost")]
    public static partial void LeaseLost(ILogger logger, long runId, long stepId, long runnerId, int attempt);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Step {StepId} of run {RunId} on runner {RunnerId} (attempt {Attempt}) timed out after {Timeout}")]
    public static partial void StepTimedOut(ILogger logger, long runId, long stepId, long runnerId, int attempt, TimeSpan timeout);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Step {StepId} of run {RunId} now {State}")]
    public static partial void StepMoved(ILogger logger, long runId, long stepId, string state);

    [LoggerMessage(EventId = 115, Level = LogLevel.Debug, Message = "Attempt {Attempt} of step {StepId} of run {RunId} on runner {RunnerId} finished: {Outcome}")]
    public static partial void AttemptFinished(ILogger logger, long runId, long stepId, long runnerId, int attempt, string outcome);

    [LoggerMessage(EventId = 116, Level = LogLevel.Warning, Message = "Refused a report from runner {RunnerId} about attempt {Attempt}: {Reason}")]
    public static partial void ReportRefused(ILogger logger, long runnerId, long attempt, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Runner {RunnerId} ({Name}) connected with {Capacity} slots")]
    public static partial void RunnerConnected(ILogger logger, long runnerId, string name, int capacity);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Runner {RunnerId} disconnected")]
    public static partial void RunnerDisconnected(ILogger logger, long runnerId);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Runner {RunnerId} missed its heartbeats and is lost")]
    public static partial void RunnerLost(ILogger logger, long runnerId);

    [LoggerMessage(EventId = 130, Level = LogLevel.Error, Message = "A scheduler tick failed; retrying after {Delay}")]
    public static partial void TickFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "{Cause}; the scheduler stops deciding until the database can be written")]
    public static partial void StoreUnwritable(ILogger logger, string cause);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "The database can be written again; {Attempts} live attempts get {Grace} for their runners to report")]
    public static partial void StoreWritableAgain(ILogger logger, int attempts, TimeSpan grace);
}
