using System.Text;
using ControlPlane.Core.Expressions.Analysis;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Planning;

/// <summary>
/// Replaces the <c>${{ }}</c> pieces that only read <c>inputs</c> and <c>matrix</c> with their values,
/// leaving the rest for run time, so a dry run shows the commands that will actually run.
/// </summary>
internal sealed class StaticSubstituter(ExpressionContext context, Action<string> reportError)
{
    private static readonly string[] StaticContexts = [ContextNames.Inputs, ContextNames.Matrix];

    public ExpressionContext Context { get; } = context;

    public string Substitute(string text)
    {
        if (!ExpressionTemplate.ContainsExpression(text))
        {
            return text;
        }

        var errors = new List<ExpressionSyntaxException>();
        var template = ExpressionTemplate.ParseLeniently(text, errors);
        if (errors.Count > 0)
        {
            return text;
        }

        var result = new StringBuilder();
        foreach (var segment in template.Segments)
        {
            result.Append(segment switch
            {
                TextSegment literal => literal.Text,
                ExpressionSegment expression when IsStatic(expression.Expression) => Evaluate(expression),
                ExpressionSegment expression => ExpressionTemplate.Open + expression.Source + ExpressionTemplate.Close,
                _ => string.Empty,
            });
        }

        return result.ToString();
    }

    /// <summary>Evaluates a template that may only read static contexts (matrix values, concurrency key).</summary>
    public object? Evaluate(string text)
    {
        try
        {
            return ExpressionEvaluator.EvaluateTemplate(ExpressionTemplate.Parse(text), Context);
        }
        catch (Exception exception) when (exception is ExpressionEvaluationException or ExpressionSyntaxException)
        {
            reportError($"'{text}': {exception.Message}");
            return text;
        }
    }

    private string Evaluate(ExpressionSegment segment)
    {
        try
        {
            return ExpressionValues.ToText(ExpressionEvaluator.Evaluate(segment.Expression, Context));
        }
        catch (ExpressionEvaluationException exception)
        {
            reportError($"'${{{{{segment.Source}}}}}': {exception.Message}");
            return ExpressionTemplate.Open + segment.Source + ExpressionTemplate.Close;
        }
    }

    private static bool IsStatic(ExpressionNode expression) =>
        ExpressionReferences.Collect(expression).All(r => StaticContexts.Contains(r.Context.ToLowerInvariant()))
        && !ExpressionReferences.UsesStatusFunction(expression);
}
