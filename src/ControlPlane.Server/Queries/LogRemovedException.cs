using ControlPlane.Core.Attempts;

namespace ControlPlane.Server.Queries;

/// <summary>The attempt's log was deleted by retention (its run, step and attempt records are kept).</summary>
public sealed class LogRemovedException : Exception
{
    public LogRemovedException(AttemptId attemptId, DateTimeOffset removedAt)
        : base($"the log of attempt {attemptId} was removed by retention at {removedAt:yyyy-MM-dd HH:mm:ss}Z (the log cap); the run's record is kept")
    {
        AttemptId = attemptId;
        RemovedAt = removedAt;
    }

    public AttemptId AttemptId { get; }

    public DateTimeOffset RemovedAt { get; }
}
