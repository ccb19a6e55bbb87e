namespace ControlPlane.Core.Attempts;

/// <summary>What an attempt transition records besides the state; null fields leave the stored value alone.</summary>
public sealed record AttemptTransitionDetails
{
    public int? ExitCode { get; init; }

    /// <summary>A short result for people, e.g. "exited with code 2" or "image pull failed: ...".</summary>
    public string? Outcome { get; init; }

    public FailureClass? FailureClass { get; init; }

    /// <summary>Extra JSON for the event row.</summary>
    public string? EventDataJson { get; init; }
}
