namespace ControlPlane.Core.Workflows;

/// <summary>A workflow source to save under <paramref name="WorkflowName"/>; its content hash identifies it.</summary>
public sealed record NewWorkflowRevision(string WorkflowName, string FileName, string Source)
{
    // Computed on access, not stored: a copy made with `with { Source = ... }` must not keep the old hash.
    public string ContentHash => WorkflowContentHash.Of(Source);
}
