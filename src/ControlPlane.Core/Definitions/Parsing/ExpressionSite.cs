using ControlPlane.Core.Definitions.Syntax;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>A string field that holds expressions, remembered while parsing so validation can check it with exact positions.</summary>
/// <param name="StepOrdinal">The step the field belongs to (its index in file order), or null for workflow-level fields.</param>
internal sealed record ExpressionSite(ScalarNode Node, string Path, ExpressionScope Scope, int? StepOrdinal)
{
    public bool IsCondition => Scope is ExpressionScope.StepCondition or ExpressionScope.WebhookFilter;
}
