using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>Which contexts each kind of field may read, and how to name the field in a message.</summary>
internal static class ScopeContexts
{
    private static readonly string[] StepContexts = [ContextNames.Inputs, ContextNames.Env, ContextNames.Matrix, ContextNames.Steps, ContextNames.Run, ContextNames.Secrets, ContextNames.Event];

    public static IReadOnlyList<string> Allowed(ExpressionScope scope) => scope switch
    {
        ExpressionScope.Workflow => [ContextNames.Inputs],
        ExpressionScope.WorkflowEnv => [ContextNames.Inputs, ContextNames.Run],
        ExpressionScope.StepLabels => [ContextNames.Inputs, ContextNames.Matrix],
        ExpressionScope.StepOutput => [.. StepContexts, ContextNames.Result],
        ExpressionScope.WebhookFilter => [ContextNames.Event],
        _ => StepContexts,
    };

    public static string Describe(ExpressionScope scope) => scope switch
    {
        ExpressionScope.Workflow => "fields evaluated before the run starts",
        ExpressionScope.WorkflowEnv => "the workflow env",
        ExpressionScope.StepLabels => "runs_on",
        ExpressionScope.StepCondition => "conditions",
        ExpressionScope.StepOutput => "outputs",
        ExpressionScope.WebhookFilter => "webhook filters",
        _ => "step fields",
    };
}
