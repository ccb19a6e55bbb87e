using System.Globalization;
using System.Text;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Settings;

namespace ControlPlane.Core.Planning;

/// <summary>Renders a plan as text for <c>--dry-run</c>: levels in order, one block per planned step.</summary>
public static class PlanRenderer
{
    public static string Render(WorkflowPlan plan)
    {
        var text = new StringBuilder();
        var hash = plan.DefinitionHash.Length > 19 ? plan.DefinitionHash[..19] : plan.DefinitionHash;
        Line(text, $"workflow {plan.WorkflowName} ({hash})");
        if (plan.Inputs.Count > 0)
        {
            Line(text, "inputs: " + string.Join(", ", plan.Inputs.Select(p => $"{p.Key}={Show(p.Value)}")));
        }

        if (plan.Concurrency is { } concurrency)
        {
            var conflict = concurrency.OnConflict == ConflictBehavior.Queue ? "queue" : "cancel_older";
            Line(text, $"concurrency: {plan.ConcurrencyKey} (limit {concurrency.Limit}, {conflict})");
        }

        if (plan.Timeout is { } timeout)
        {
            Line(text, "timeout: " + DurationFormat.Format(timeout));
        }

        Line(text, $"{plan.Steps.Count} step{(plan.Steps.Count == 1 ? string.Empty : "s")} in {plan.Levels.Count} level{(plan.Levels.Count == 1 ? string.Empty : "s")}");
        for (var level = 0; level < plan.Levels.Count; level++)
        {
            Line(text, string.Empty);
            Line(text, $"level {level}");
            foreach (var key in plan.Levels[level])
            {
                RenderStep(text, plan.Find(key)!);
            }
        }

        return text.ToString();
    }

    private static void RenderStep(StringBuilder text, PlannedStep step)
    {
        Line(text, step.Name == step.Key ? $"  {step.Key}" : $"  {step.Key}  \"{step.Name}\"");
        Field(text, "needs", step.Needs.Count == 0 ? null : string.Join(", ", step.Needs));
        Field(text, "runs_on", step.RunsOn.Count == 0 ? null : string.Join(", ", step.RunsOn));
        Field(text, "if", step.Condition);
        Field(text, "timeout", DurationFormat.Format(step.Timeout));
        Field(text, "retry", step.Retry.Attempts <= 1 ? null : DescribeRetry(step.Retry));
        Field(text, "matrix", step.Strategy is { } s ? DescribeStrategy(s) : null);
        Field(text, "continue_on_error", step.ContinueOnError ? "true" : null);
        Field(text, "secrets", step.Secrets.Count == 0 ? null : string.Join(", ", step.Secrets));
        Field(text, "env", step.Env.Count == 0 ? null : string.Join(", ", step.Env.Keys));
        foreach (var (label, value) in DescribeAction(step.Action))
        {
            Field(text, label, value);
        }
    }

    private static IEnumerable<(string Label, string Value)> DescribeAction(StepAction action)
    {
        switch (action)
        {
            case RunAction run:
                var lines = run.Script.TrimEnd('\n').Split('\n');
                yield return ($"run ({run.Shell.ToString().ToLowerInvariant()})", lines[0]);
                foreach (var line in lines.Skip(1))
                {
                    yield return (string.Empty, line);
                }

                break;
            case DockerAction docker:
                yield return ("docker", docker.Image + (docker.Command is { } c ? " " + string.Join(' ', c) : string.Empty));
                break;
            case HttpAction http:
                var expected = http.ExpectedStatus.Count == 0 ? "2xx" : string.Join(",", http.ExpectedStatus);
                yield return ("http", $"{http.Method} {http.Url} (expect {expected})");
                break;
            case SleepAction sleep:
                yield return ("sleep", DurationFormat.Format(sleep.Duration));
                break;
        }
    }

    private static string DescribeRetry(RetryPolicy retry)
    {
        var on = string.Join(",", Enum.GetValues<RetryConditions>()
            .Where(c => c is not (RetryConditions.None or RetryConditions.All) && retry.On.HasFlag(c))
            .Select(c => c switch
            {
                RetryConditions.ExitCode => "exit_code",
                RetryConditions.RunnerLost => "runner_lost",
                _ => c.ToString().ToLowerInvariant(),
            }));
        var factor = retry.Factor.ToString(CultureInfo.InvariantCulture);
        return $"{retry.Attempts} attempts, backoff {DurationFormat.Format(retry.InitialBackoff)} x{factor} up to {DurationFormat.Format(retry.MaxBackoff)}, on {on}";
    }

    private static string DescribeStrategy(MatrixStrategy strategy) =>
        $"{strategy.Size} combinations, max_parallel {strategy.MaxParallel?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"}, fail_fast {(strategy.FailFast ? "true" : "false")}";

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        string s => s,
        _ => ExpressionValues.ToText(value),
    };

    private static void Field(StringBuilder text, string label, string? value)
    {
        if (value is not null)
        {
            Line(text, label.Length == 0 ? $"    {string.Empty,-12} {value}" : $"    {label + ":",-12} {value}");
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line.TrimEnd()).Append('\n');
}
