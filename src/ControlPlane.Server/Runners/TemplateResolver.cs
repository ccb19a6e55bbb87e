using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Server.Runners;

/// <summary>Evaluates the <c>${{ }}</c> left in a planned step's fields; each failure names the field.</summary>
internal sealed class TemplateResolver(ExpressionContext context)
{
    public ExpressionContext Context { get; } = context;

    /// <exception cref="StepResolutionException">The field's expression does not parse or cannot be evaluated.</exception>
    public string Resolve(string field, string text)
    {
        if (!ExpressionTemplate.ContainsExpression(text))
        {
            return text;
        }

        try
        {
            return ExpressionEvaluator.EvaluateToText(ExpressionTemplate.Parse(text), Context);
        }
        catch (Exception e) when (e is ExpressionEvaluationException or ExpressionSyntaxException)
        {
            throw new StepResolutionException($"{field}: cannot evaluate '{text}': {e.Message}", e);
        }
    }

    public string? ResolveOptional(string field, string? text) => text is null ? null : Resolve(field, text);

    public Dictionary<string, string> ResolveMap(string field, IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(p => p.Key, p => Resolve($"{field}.{p.Key}", p.Value), StringComparer.Ordinal);

    public List<string> ResolveList(string field, IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Select((v, i) => Resolve($"{field}[{i}]", v))];
}
