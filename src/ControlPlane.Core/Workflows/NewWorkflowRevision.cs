namespace ControlPlane.Core.Workflows;

/// <summary>A workflow source to save under <paramref name="WorkflowName"/>.</summary>
/// <param name="ContentHash">The canonical hash of the parsed definition
/// (<see cref="Definitions.Identity.WorkflowContentHash"/>), so that a reformatted file with the same content is
/// the same revision. The store treats it as an opaque key.</param>
public sealed record NewWorkflowRevision(string WorkflowName, string FileName, string Source, string ContentHash);
