using ControlPlane.Core.Expressions.Analysis;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>
/// Decides whether a step runs. As in GitHub Actions, a condition without a status function is
/// implicitly <c>success() &amp;&amp; (condition)</c>, so a failed dependency still stops the step unless
/// the condition says <c>always()</c>, <c>failure()</c> or <c>cancelled()</c>.
/// </summary>
public static class StepCondition
{
    /// <param name="condition">The <c>if</c> text, or null for the default <c>success()</c>.</param>
    /// <param name="context">Must carry <see cref="ExpressionContext.Status"/>.</param>
    /// <exception cref="ExpressionSyntaxException">The condition does not parse.</exception>
    /// <exception cref="ExpressionEvaluationException">The condition cannot be evaluated.</exception>
    public static bool ShouldRun(string? condition, ExpressionContext context)
    {
        var status = context.Status ?? throw new ExpressionEvaluationException("evaluating a condition needs the status of the step's dependencies");
        if (string.IsNullOrWhiteSpace(condition))
        {
            return status.Success;
        }

        var parsed = ConditionExpression.Parse(condition);
        var value = ExpressionValues.IsTruthy(ExpressionEvaluator.Evaluate(parsed.Expression, context));
        return ExpressionReferences.UsesStatusFunction(parsed.Expression) ? value : status.Success && value;
    }
}
