namespace ControlPlane.Agent.Executors;

/// <summary>How a step attempt ended.</summary>
public enum StepOutcome
{
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}
