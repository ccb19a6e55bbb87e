using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>Concludes a running run once every step has finished.</summary>
/// <remarks>
/// The run fails when a step failed without <c>continue_on_error</c>, or when a step was cancelled (in a running
/// run that only happens to the siblings of a failed matrix expansion under fail_fast). Skipped steps do not fail
/// the run: a skip is a decision the workflow made, not an error.
/// </remarks>
public static class RunConclusion
{
    /// <returns>Null while a step is still unfinished.</returns>
    public static RunVerdict? Decide(IReadOnlyList<ScheduledStep> steps)
    {
        if (!steps.All(s => s.IsTerminal))
        {
            return null;
        }

        var failed = steps.Where(s => s.FailedForReal).Select(s => s.Key).ToList();
        if (failed.Count > 0)
        {
            return new RunVerdict(false, $"failed: {string.Join(", ", failed)}");
        }

        var cancelled = steps.Where(s => s.State == StepState.Cancelled).Select(s => s.Key).ToList();
        return cancelled.Count > 0
            ? new RunVerdict(false, $"cancelled: {string.Join(", ", cancelled)}")
            : new RunVerdict(true, "every step succeeded or was skipped");
    }
}
