namespace ControlPlane.Core.Workflows;

/// <summary>A workflow source to save under <paramref name="WorkflowName"/>; its content hash identifies it.</summary>
public sealed record NewWorkflowRevision(string WorkflowName, string FileName, string Source)
{
    public string ContentHash { get; } = WorkflowContentHash.Of(Source);
}
