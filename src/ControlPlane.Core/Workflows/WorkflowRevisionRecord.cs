namespace ControlPlane.Core.Workflows;

/// <summary>One exact source text of a workflow; runs point at the revision they were started from.</summary>
public sealed record WorkflowRevisionRecord(
    WorkflowRevisionId Id,
    WorkflowId WorkflowId,
    string ContentHash,
    string FileName,
    string Source,
    DateTimeOffset CreatedAt);
