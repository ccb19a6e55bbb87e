using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Queries;

/// <summary>What applying a workflow file led to.</summary>
/// <param name="WorkflowName">The name the file declares, under which the revision is kept.</param>
/// <param name="Created">False when the same content was already stored as <paramref name="Revision"/>.</param>
/// <param name="Warnings">Warnings in the file; an error would have refused it.</param>
public sealed record AppliedRevision(string WorkflowName, WorkflowRevisionRecord Revision, bool Created, IReadOnlyList<Diagnostic> Warnings);
