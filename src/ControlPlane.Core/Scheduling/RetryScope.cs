using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>Which steps of a finished run RetryRun sends back to pending.</summary>
/// <remarks>
/// <para>Without <c>all_steps</c>: every step that did not succeed (failed, cancelled, or skipped, e.g. because a step
/// it needs failed), and every succeeded step that needs one of those, directly or not. A step downstream of a step
/// that runs again must see the new result rather than keep one computed from the old (an <c>if: failure()</c>
/// step, say), as GitHub's "re-run failed jobs" also re-runs their dependents. The other succeeded steps keep their
/// state and outputs, which the steps that run again read.</para>
/// <para>With <c>all_steps</c>: every step.</para>
/// </remarks>
public static class RetryScope
{
    /// <summary>The keys of the steps to reset, in plan order.</summary>
    /// <exception cref="ArgumentException">A step is not finished: only a finished run's steps can be retried.</exception>
    public static IReadOnlyList<string> StepsToReset(IReadOnlyList<StepRecord> steps, bool allSteps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.FirstOrDefault(s => !StepStateMachine.IsTerminal(s.State)) is { } unfinished)
        {
            throw new ArgumentException($"Step '{unfinished.Key}' is {unfinished.State}, not finished.", nameof(steps));
        }

        if (allSteps)
        {
            return [.. steps.Select(s => s.Key)];
        }

        var reset = steps.Where(s => s.State != StepState.Succeeded).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        // Needs may point at any step, not only earlier ones, so spread until nothing changes.
        var grew = true;
        while (grew)
        {
            grew = false;
            foreach (var step in steps)
            {
                if (!reset.Contains(step.Key) && step.Needs.Any(reset.Contains))
                {
                    reset.Add(step.Key);
                    grew = true;
                }
            }
        }

        return [.. steps.Where(s => reset.Contains(s.Key)).Select(s => s.Key)];
    }

    /// <summary>True for the run states RetryRun accepts: failed and cancelled always, succeeded with all_steps.</summary>
    public static bool CanRetry(RunState state, bool allSteps) =>
        state is RunState.Failed or RunState.Cancelled || (state == RunState.Succeeded && allSteps);
}
