using ControlPlane.Core.Attempts;

namespace ControlPlane.Core.Steps;

/// <summary>
/// What a step transition records besides the state. Null fields leave the stored value alone, except that Reset
/// clears the results and entering ready or a terminal state clears <c>not_before</c>.
/// </summary>
public sealed record StepTransitionDetails
{
    /// <summary>The attempt that caused the transition; recorded on the event.</summary>
    public AttemptId? Attempt { get; init; }

    /// <summary>Required for ScheduleRetry and LeaseLostRetry: when the next attempt may be offered.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Replaces the pending reason (cleared when null on any transition).</summary>
    public string? PendingReason { get; init; }

    public string? Outcome { get; init; }

    public int? ExitCode { get; init; }

    public string? OutputsJson { get; init; }

    /// <summary>Extra JSON for the event row, e.g. the retry decision.</summary>
    public string? EventDataJson { get; init; }
}
