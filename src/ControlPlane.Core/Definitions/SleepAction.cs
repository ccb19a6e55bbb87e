namespace ControlPlane.Core.Definitions;

/// <summary>Waits, e.g. to let a deploy settle before a health check.</summary>
public sealed record SleepAction(TimeSpan Duration) : StepAction
{
    public override string Kind => "sleep";
}
