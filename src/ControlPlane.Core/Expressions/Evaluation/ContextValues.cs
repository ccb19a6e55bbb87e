namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>Presents an <see cref="ExpressionContext"/> as objects of the value model, keyed case-insensitively.</summary>
internal static class ContextValues
{
    public static bool TryResolve(ExpressionContext context, string name, out object? value)
    {
        value = name.ToLowerInvariant() switch
        {
            ContextNames.Inputs => Object(context.Inputs),
            ContextNames.Env => Object(context.Env.ToDictionary(p => p.Key, p => (object?)p.Value)),
            ContextNames.Matrix => Object(context.Matrix),
            ContextNames.Steps => Object(context.Steps.ToDictionary(p => p.Key, p => (object?)Step(p.Value))),
            ContextNames.Run => Object(Run(context.Run)),
            ContextNames.Secrets => Object(context.Secrets.ToDictionary(p => p.Key, p => (object?)p.Value)),
            ContextNames.Result => Object(context.Result ?? new Dictionary<string, object?>()),
            ContextNames.Event => Object(context.Event ?? new Dictionary<string, object?>()),
            _ => null,
        };
        return value is not null;
    }

    private static Dictionary<string, object?> Step(StepResult result) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["outcome"] = result.Outcome.ToString().ToLowerInvariant(),
        ["outputs"] = Object(result.Outputs.ToDictionary(p => p.Key, p => (object?)p.Value)),
        ["exit_code"] = result.ExitCode is { } code ? (double)code : null,
    };

    private static Dictionary<string, object?> Run(RunInfo? run) => run is null
        ? []
        : new() { ["id"] = run.Id, ["attempt"] = (double)run.Attempt };

    private static Dictionary<string, object?> Object(IReadOnlyDictionary<string, object?> values)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, item) in values)
        {
            result[key] = ExpressionValues.Normalize(item);
        }

        return result;
    }
}
