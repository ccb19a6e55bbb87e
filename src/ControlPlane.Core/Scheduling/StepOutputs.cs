using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;
using ControlPlane.Core.Planning;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// A succeeded step's outputs: its <c>outputs</c> templates evaluated over what the work reported
/// (<c>result.outputs.&lt;name&gt;</c>, <c>result.exit_code</c>), plus the inputs, matrix values and env.
/// </summary>
public static class StepOutputs
{
    /// <remarks>A template that cannot be evaluated gives an empty value rather than failing a step whose work succeeded.</remarks>
    public static IReadOnlyDictionary<string, string> Evaluate(PlannedStep step, IReadOnlyDictionary<string, string> reported, int? exitCode)
    {
        var context = new ExpressionContext
        {
            Env = step.Env,
            Matrix = step.Matrix.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            Result = new Dictionary<string, object?>
            {
                ["outputs"] = reported.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
                ["exit_code"] = exitCode is { } code ? (double)code : null,
            },
        };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, template) in step.Outputs)
        {
            try
            {
                values[name] = ExpressionEvaluator.EvaluateToText(ExpressionTemplate.Parse(template), context);
            }
            catch (Exception e) when (e is ExpressionEvaluationException or ExpressionSyntaxException)
            {
                values[name] = string.Empty;
            }
        }

        return values;
    }
}
