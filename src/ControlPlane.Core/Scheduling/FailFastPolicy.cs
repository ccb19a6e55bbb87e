using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// Matrix <c>fail_fast</c>: once an expansion of a matrix step has failed (without <c>continue_on_error</c>), its
/// unfinished siblings are cancelled, whatever state they are in.
/// </summary>
public static class FailFastPolicy
{
    /// <summary>The unfinished steps to cancel, in plan order.</summary>
    public static IReadOnlyList<ScheduledStep> SiblingsToCancel(IReadOnlyList<ScheduledStep> steps) =>
    [
        .. steps
            .Where(s => s.Spec.Strategy is { FailFast: true })
            .GroupBy(s => s.Spec.StepId, StringComparer.Ordinal)
            .Where(group => group.Any(s => s.FailedForReal))
            .SelectMany(group => group.Where(s => !s.IsTerminal))
            .OrderBy(s => s.Id.Value),
    ];

    /// <summary>The outcome recorded on a sibling cancelled by fail_fast.</summary>
    public static string CancelReason(IReadOnlyList<ScheduledStep> steps, ScheduledStep sibling)
    {
        var failed = steps.First(s => s.Spec.StepId == sibling.Spec.StepId && s.State == StepState.Failed && !s.Spec.ContinueOnError);
        return $"cancelled by fail_fast: {failed.Key} failed";
    }
}
