using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Triggers;

/// <summary>Decides whether a webhook delivery starts a run: the trigger's <c>filter</c>, bare or in <c>${{ }}</c>, over <c>event</c>.</summary>
public static class WebhookFilter
{
    /// <param name="filter">The filter text; null or blank lets every delivery through.</param>
    /// <exception cref="ExpressionSyntaxException">The filter does not parse (validation makes this rare).</exception>
    /// <exception cref="ExpressionEvaluationException">The filter cannot be evaluated against this payload.</exception>
    public static bool Matches(string? filter, WebhookPayload payload)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        var parsed = ConditionExpression.Parse(filter);
        var context = new ExpressionContext { Event = payload.Values };
        return ExpressionValues.IsTruthy(ExpressionEvaluator.Evaluate(parsed.Expression, context));
    }
}
