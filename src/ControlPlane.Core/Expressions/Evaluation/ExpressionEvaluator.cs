using System.Text;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>
/// Evaluates parsed expressions against an <see cref="ExpressionContext"/>. Semantics follow GitHub
/// Actions (see <see cref="ExpressionValues"/>). Reading a missing property gives null; every other
/// failure is an <see cref="ExpressionEvaluationException"/>, never another exception type.
/// </summary>
public static class ExpressionEvaluator
{
    public static object? Evaluate(ExpressionNode expression, ExpressionContext context) => expression switch
    {
        LiteralExpression literal => literal.Value,
        ContextExpression named => ContextValues.TryResolve(context, named.Name, out var value)
            ? value
            : throw new ExpressionEvaluationException($"unknown context '{named.Name}'", named.Position),
        PropertyAccessExpression access => Member(Evaluate(access.Target, context), access.Property),
        IndexAccessExpression index => Index(Evaluate(index.Target, context), Evaluate(index.Index, context)),
        NotExpression not => !ExpressionValues.IsTruthy(Evaluate(not.Operand, context)),
        ComparisonExpression comparison => Compare(comparison, context),
        LogicalExpression logical => Logical(logical, context),
        FunctionCallExpression call => Call(call, context),
        _ => throw new ExpressionEvaluationException($"unsupported expression node {expression.GetType().Name}", expression.Position),
    };

    /// <exception cref="ExpressionSyntaxException">The text does not parse.</exception>
    public static object? Evaluate(string expression, ExpressionContext context) =>
        Evaluate(ExpressionParser.Parse(expression), context);

    /// <summary>A field that is exactly <c>${{ x }}</c> keeps x's type; anything else becomes a string.</summary>
    public static object? EvaluateTemplate(ExpressionTemplate template, ExpressionContext context) =>
        template.SingleExpression is { } single
            ? Evaluate(single.Expression, context)
            : EvaluateToText(template, context);

    public static string EvaluateToText(ExpressionTemplate template, ExpressionContext context)
    {
        var text = new StringBuilder();
        foreach (var segment in template.Segments)
        {
            text.Append(segment switch
            {
                TextSegment literal => literal.Text,
                ExpressionSegment expression => ExpressionValues.ToText(Evaluate(expression.Expression, context)),
                _ => string.Empty,
            });
        }

        return text.ToString();
    }

    private static object? Member(object? target, string name)
    {
        if (target is not IReadOnlyDictionary<string, object?> map)
        {
            return null;
        }

        if (map.TryGetValue(name, out var value))
        {
            return ExpressionValues.Normalize(value);
        }

        foreach (var (key, item) in map)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return ExpressionValues.Normalize(item);
            }
        }

        return null;
    }

    private static object? Index(object? target, object? index)
    {
        if (target is IReadOnlyList<object?> list)
        {
            var position = ExpressionValues.ToNumber(index);
            return double.IsInteger(position) && position >= 0 && position < list.Count
                ? ExpressionValues.Normalize(list[(int)position])
                : null;
        }

        return index is string or double or bool ? Member(target, ExpressionValues.ToText(index)) : null;
    }

    private static bool Compare(ComparisonExpression comparison, ExpressionContext context)
    {
        var left = Evaluate(comparison.Left, context);
        var right = Evaluate(comparison.Right, context);
        if (comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            return ExpressionValues.LooseEquals(left, right) == (comparison.Operator == ComparisonOperator.Equal);
        }

        var order = ExpressionValues.Compare(left, right);
        return order is { } o && comparison.Operator switch
        {
            ComparisonOperator.Less => o < 0,
            ComparisonOperator.LessOrEqual => o <= 0,
            ComparisonOperator.Greater => o > 0,
            _ => o >= 0,
        };
    }

    private static object? Logical(LogicalExpression logical, ExpressionContext context)
    {
        var left = Evaluate(logical.Left, context);
        var decided = logical.Operator == LogicalOperator.And ? !ExpressionValues.IsTruthy(left) : ExpressionValues.IsTruthy(left);
        return decided ? left : Evaluate(logical.Right, context);
    }

    private static object? Call(FunctionCallExpression call, ExpressionContext context)
    {
        var arguments = call.Arguments.Select(a => Evaluate(a, context)).ToList();
        try
        {
            return FunctionLibrary.Invoke(call.Name, arguments, context);
        }
        catch (ExpressionEvaluationException exception) when (exception.Position is null)
        {
            throw new ExpressionEvaluationException(exception.Message, call.Position);
        }
    }
}
