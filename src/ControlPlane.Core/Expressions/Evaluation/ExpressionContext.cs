namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>
/// The values an expression can read. Contexts left empty evaluate to empty objects, so reading
/// a missing property gives null rather than an error. <see cref="Status"/> is set only when
/// evaluating an <c>if</c>; without it the status functions are an evaluation error.
/// </summary>
public sealed record ExpressionContext
{
    public static ExpressionContext Empty { get; } = new();

    /// <summary>Typed input values: strings, doubles and bools.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, object?> Matrix { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, StepResult> Steps { get; init; } = new Dictionary<string, StepResult>();

    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public RunInfo? Run { get; init; }

    public StatusContext? Status { get; init; }

    /// <summary>What the step's action produced, for its <c>outputs</c> templates (<c>result.outputs.*</c>, <c>result.exit_code</c>...).</summary>
    public IReadOnlyDictionary<string, object?>? Result { get; init; }

    /// <summary>The webhook payload: read by trigger filters and by the steps of a run a webhook started.</summary>
    public IReadOnlyDictionary<string, object?>? Event { get; init; }
}
