using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Queries;

/// <summary>A workflow with its latest revision.</summary>
public sealed record WorkflowView(WorkflowRecord Workflow, WorkflowRevisionRecord? LatestRevision);
