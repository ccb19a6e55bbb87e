namespace ControlPlane.Core.Runs;

/// <summary>Where a run is in its life; stored as snake_case text (see <see cref="StateMachines.EnumText"/>).</summary>
public enum RunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelling,
    Cancelled,
}
