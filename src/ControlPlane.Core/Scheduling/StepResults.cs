using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Scheduling;

/// <summary>Builds the <c>steps</c> context from finished steps, keyed by step id.</summary>
/// <remarks>
/// The expansions of a matrix step share one id, so they are summarized: the worst outcome wins (failure, then
/// cancelled, then skipped, then success), and outputs and exit code are kept only when there is a single expansion.
/// </remarks>
public static class StepResults
{
    public static IReadOnlyDictionary<string, StepResult> Of(IEnumerable<ScheduledStep> finished)
    {
        var results = new Dictionary<string, StepResult>(StringComparer.Ordinal);
        foreach (var group in finished.Where(s => s.IsTerminal).GroupBy(s => s.Spec.StepId, StringComparer.Ordinal))
        {
            var expansions = group.ToList();
            var outcome = expansions.Select(s => StepOutcomes.Outcome(s.State)).MaxBy(Severity);
            results[group.Key] = expansions.Count == 1
                ? new StepResult(outcome, expansions[0].Outputs, expansions[0].ExitCode)
                : new StepResult(outcome, new Dictionary<string, string>());
        }

        return results;
    }

    private static int Severity(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Failure => 3,
        StepOutcome.Cancelled => 2,
        StepOutcome.Skipped => 1,
        _ => 0,
    };
}
