using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Planning;

/// <summary>Turns one step definition into its planned steps: one per matrix combination, defaults merged, static expressions substituted.</summary>
internal sealed class StepExpander(WorkflowDefinition workflow, IReadOnlyDictionary<string, object?> inputs, DiagnosticBag diagnostics)
{
    /// <summary>The step's matrix with every <c>${{ }}</c> value evaluated once; null for a step without a matrix.</summary>
    public MatrixDefinition? ResolveMatrix(StepDefinition step)
    {
        if (step.Matrix is null)
        {
            return null;
        }

        var substituter = Substituter(step, [], step.Id);
        object Resolve(object value) => value is string text && ExpressionTemplate.ContainsExpression(text)
            ? ToMatrixValue(substituter.Evaluate(text), step)
            : value;
        return MatrixExpander.Resolve(step.Matrix, Resolve);
    }

    /// <param name="matrix">The step's matrix from <see cref="ResolveMatrix"/>.</param>
    public List<PlannedStep> Expand(StepDefinition step, MatrixDefinition? matrix)
    {
        List<IReadOnlyList<KeyValuePair<string, object>>> combinations = matrix is null
            ? [[]]
            : [.. MatrixExpander.Expand(matrix).Select(c => c.Values)];
        var strategy = step.Matrix is { } written ? new MatrixStrategy(combinations.Count, written.MaxParallel, written.FailFast) : null;
        return combinations.Select(values => Plan(step, values, strategy)).ToList();
    }

    private PlannedStep Plan(StepDefinition step, IReadOnlyList<KeyValuePair<string, object>> matrix, MatrixStrategy? strategy)
    {
        var key = MatrixKey.Format(step.Id, matrix);
        var substituter = Substituter(step, matrix, key);
        var env = ActionSubstituter.Map(workflow.Env, substituter);
        foreach (var (name, value) in step.Env)
        {
            env[name] = substituter.Substitute(value);
        }

        var labels = step.RunsOn.Count > 0 ? step.RunsOn : workflow.Defaults.RunsOn;
        return new PlannedStep
        {
            Key = key,
            StepId = step.Id,
            Name = step.Name is null ? key : substituter.Substitute(step.Name),
            Matrix = matrix,
            RunsOn = labels.Select(substituter.Substitute).ToList(),
            Timeout = step.Timeout ?? workflow.Defaults.Timeout ?? StepDefaults.Timeout,
            Retry = RetryPolicy.Resolve(workflow.Defaults.Retry, step.Retry),
            Env = env,
            WorkingDirectory = step.WorkingDirectory is null ? null : substituter.Substitute(step.WorkingDirectory),
            Condition = step.Condition,
            ContinueOnError = step.ContinueOnError,
            Action = ActionSubstituter.Apply(step.Action, substituter),
            Outputs = step.Outputs,
            Secrets = step.Secrets,
            Strategy = strategy,
        };
    }

    private StaticSubstituter Substituter(StepDefinition step, IReadOnlyList<KeyValuePair<string, object>> matrix, string key)
    {
        var context = new ExpressionContext
        {
            Inputs = inputs,
            Matrix = matrix.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        };
        return new StaticSubstituter(context, message => diagnostics.Error(DiagnosticCodes.PlanEvaluationFailed, step.Location, key, "cannot evaluate " + message));
    }

    private object ToMatrixValue(object? value, StepDefinition step)
    {
        switch (ExpressionValues.Normalize(value))
        {
            case string or double or bool:
                return value!;
            case null:
                return string.Empty;
            default:
                diagnostics.Error(DiagnosticCodes.PlanEvaluationFailed, step.Location, step.Id, $"a matrix value must be a string, number or boolean, got {ExpressionValues.KindOf(value)}");
                return string.Empty;
        }
    }
}
