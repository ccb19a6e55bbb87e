namespace ControlPlane.Core.Runs;

/// <summary>What moves a run from one <see cref="RunState"/> to the next; see <see cref="RunStateMachine"/>.</summary>
public enum RunTrigger
{
    Start,
    Succeed,
    Fail,
    RequestCancel,
    CancelComplete,
    Retry,
}
