using ControlPlane.Core.Expressions.Analysis;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// Decides which pending steps of a running run become ready, skipped or failed, as GitHub Actions does for jobs.
/// </summary>
/// <remarks>
/// <para>A pending step is decided once every step it transitively needs has finished. Its <c>if</c> is evaluated
/// with <see cref="StepCondition"/>: the status functions see the conclusions of those steps (a failure under
/// <c>continue_on_error</c> counts as success), <c>steps.&lt;id&gt;</c> their outcomes and outputs.</para>
/// <para><b>Skips propagate.</b> Without a status function a condition means <c>success() &amp;&amp; (…)</c>, and a
/// skipped or failed need makes <c>success()</c> false, so everything downstream of a skipped or failed step is
/// skipped too, unless its condition says <c>always()</c> or <c>failure()</c>. A step that is skipped finishes at
/// once, so a whole chain is decided in one pass (the steps come in plan order, needs first).</para>
/// <para>A run being cancelled never gets here: its pending steps are cancelled at once.</para>
/// </remarks>
public static class ReadinessPolicy
{
    public static IReadOnlyList<ReadinessDecision> Decide(RunSnapshot run)
    {
        var current = run.Steps.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var closures = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var decisions = new List<ReadinessDecision>();
        foreach (var step in run.Steps)
        {
            if (step.State != StepState.Pending)
            {
                continue;
            }

            var needs = Closure(step.Key, current, closures).Select(key => current[key]).ToList();
            if (!needs.All(n => n.IsTerminal))
            {
                continue;
            }

            var decision = Evaluate(run, step, needs);
            decisions.Add(decision);
            current[step.Key] = step with { State = StateAfter(decision.Verdict) };
        }

        return decisions;
    }

    private static StepState StateAfter(ReadinessVerdict verdict) => verdict switch
    {
        ReadinessVerdict.Ready => StepState.Ready,
        ReadinessVerdict.Skip => StepState.Skipped,
        _ => StepState.Failed,
    };

    private static ReadinessDecision Evaluate(RunSnapshot run, ScheduledStep step, IReadOnlyList<ScheduledStep> needs)
    {
        var status = new StatusContext(RunCancelled: false, [.. needs.Select(StepOutcomes.Conclusion)]);
        var context = new ExpressionContext
        {
            Inputs = run.Inputs,
            Env = step.Spec.Env,
            Matrix = step.Spec.Matrix.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            Steps = StepResults.Of(needs),
            Run = new RunInfo(run.RunId.ToString(), run.Attempt),
            Status = status,
            Event = run.Event,
        };
        try
        {
            return StepCondition.ShouldRun(step.Spec.Condition, context)
                ? new ReadinessDecision(step.Id, step.Key, ReadinessVerdict.Ready)
                : new ReadinessDecision(step.Id, step.Key, ReadinessVerdict.Skip, SkipReason(step.Spec.Condition, status, needs));
        }
        catch (Exception e) when (e is ExpressionEvaluationException or ExpressionSyntaxException)
        {
            return new ReadinessDecision(step.Id, step.Key, ReadinessVerdict.Fail, $"if cannot be evaluated: {e.Message}");
        }
    }

    private static string SkipReason(string? condition, StatusContext status, IReadOnlyList<ScheduledStep> needs)
    {
        var overridesStatus = !string.IsNullOrWhiteSpace(condition)
            && ExpressionReferences.UsesStatusFunction(ConditionExpression.Parse(condition).Expression);
        if (status.Success || overridesStatus)
        {
            return $"skipped: if is false ({condition})";
        }

        var unsuccessful = needs.Where(n => StepOutcomes.Conclusion(n) != StepOutcome.Success)
            .Select(n => $"{n.Key} {StepOutcomes.Outcome(n.State).ToString().ToLowerInvariant()}");
        return $"skipped: needed steps did not succeed ({string.Join(", ", unsuccessful)})";
    }

    // Every step reachable through needs, in plan order of first discovery; memoized per key.
    private static IReadOnlyList<string> Closure(string key, Dictionary<string, ScheduledStep> steps, Dictionary<string, IReadOnlyList<string>> memo)
    {
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var need in steps[key].Spec.Needs)
        {
            foreach (var item in Closure(need, steps, memo).Append(need))
            {
                if (seen.Add(item))
                {
                    result.Add(item);
                }
            }
        }

        memo[key] = result;
        return result;
    }
}
