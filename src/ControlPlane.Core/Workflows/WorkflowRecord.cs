namespace ControlPlane.Core.Workflows;

/// <summary>A workflow as stored: a unique name under which revisions accumulate.</summary>
public sealed record WorkflowRecord(WorkflowId Id, string Name, DateTimeOffset CreatedAt);
