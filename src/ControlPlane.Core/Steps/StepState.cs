namespace ControlPlane.Core.Steps;

/// <summary>Where one step of a run's plan is; stored as snake_case text (<c>waiting_for_retry</c>).</summary>
public enum StepState
{
    Pending,
    WaitingForRetry,
    Ready,
    Offered,
    Running,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}
