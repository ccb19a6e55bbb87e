using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions;

/// <summary>The outcome of checking a workflow file: the definition when there are no errors, and every diagnostic (warnings included).</summary>
public sealed record ValidationResult(WorkflowDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Definition is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
