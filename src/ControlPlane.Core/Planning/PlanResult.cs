using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Planning;

/// <summary>The plan when the inputs fit the definition, and every problem found otherwise.</summary>
public sealed record PlanResult(WorkflowPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Plan is not null;
}
