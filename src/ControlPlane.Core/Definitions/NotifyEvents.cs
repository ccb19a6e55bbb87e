namespace ControlPlane.Core.Definitions;

/// <summary>The run events a <c>notify:</c> target subscribes to.</summary>
[Flags]
public enum NotifyEvents
{
    None = 0,
    Started = 1,
    Succeeded = 2,
    Failed = 4,
    Cancelled = 8,

    /// <summary>Each step's end (succeeded, failed, skipped or cancelled).</summary>
    StepFinished = 16,
}
