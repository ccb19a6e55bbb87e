namespace ControlPlane.Server.Scheduling;

/// <summary>Places inside a tick where a test can make the scheduler fail, as a crash there would.</summary>
public enum SchedulerFaultPoint
{
    /// <summary>An offer's attempt row is written but the step's Offer transition is not (one decision, half done).</summary>
    AfterAttemptCreated,

    /// <summary>Every decision of the tick is written but not committed.</summary>
    BeforeCommit,

    /// <summary>The tick is committed but its commands (offers, cancels) are not sent yet.</summary>
    AfterCommitBeforeSend,
}
