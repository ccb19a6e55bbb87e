namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>Implementations of the built-in functions; arity was checked by the parser.</summary>
internal static class FunctionLibrary
{
    public static object? Invoke(string name, IReadOnlyList<object?> arguments, ExpressionContext context) => name switch
    {
        "success" => Status(name, context).Success,
        "failure" => Status(name, context).Failure,
        "cancelled" => Status(name, context).RunCancelled,
        "always" => true,
        "contains" => Contains(arguments[0], arguments[1]),
        "startsWith" => ExpressionValues.ToText(arguments[0]).StartsWith(ExpressionValues.ToText(arguments[1]), StringComparison.OrdinalIgnoreCase),
        "endsWith" => ExpressionValues.ToText(arguments[0]).EndsWith(ExpressionValues.ToText(arguments[1]), StringComparison.OrdinalIgnoreCase),
        "format" => FormatFunction.Apply(ExpressionValues.ToText(arguments[0]), arguments.Skip(1).ToList()),
        "join" => Join(arguments[0], arguments.Count > 1 ? ExpressionValues.ToText(arguments[1]) : ","),
        "toJSON" => JsonValues.Serialize(arguments[0]),
        "fromJSON" => JsonValues.Deserialize(ExpressionValues.ToText(arguments[0])),
        _ => throw new ExpressionEvaluationException($"unknown function '{name}'"),
    };

    private static StatusContext Status(string name, ExpressionContext context) =>
        context.Status ?? throw new ExpressionEvaluationException($"{name}() can only be used in an 'if' condition");

    private static bool Contains(object? search, object? item)
    {
        if (search is IReadOnlyList<object?> list)
        {
            return list.Any(element => ExpressionValues.LooseEquals(element, item));
        }

        return ExpressionValues.ToText(search).Contains(ExpressionValues.ToText(item), StringComparison.OrdinalIgnoreCase);
    }

    private static string Join(object? values, string separator) => values is IReadOnlyList<object?> list
        ? string.Join(separator, list.Select(ExpressionValues.ToText))
        : ExpressionValues.ToText(values);
}
