namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>How a runner says an attempt ended.</summary>
public enum AttemptOutcome
{
    Succeeded,
    Failed,

    /// <summary>Stopped after a <see cref="CancelCommand"/> (or by the runner itself, e.g. on shutdown).</summary>
    Cancelled,
}
