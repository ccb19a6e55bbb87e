namespace ControlPlane.Core.Workflows;

/// <summary>Workflows and their revisions. Revisions are immutable; a workflow's name is unique.</summary>
public interface IWorkflowRepository
{
    /// <summary>
    /// Saves a revision, creating the workflow on first use. Idempotent: saving the same source (same content hash)
    /// under the same name again returns the existing revision.
    /// </summary>
    Task<WorkflowRevisionRecord> SaveRevisionAsync(NewWorkflowRevision revision, CancellationToken cancellationToken);

    Task<WorkflowRecord?> FindByNameAsync(string name, CancellationToken cancellationToken);

    Task<WorkflowRecord?> FindAsync(WorkflowId id, CancellationToken cancellationToken);

    Task<WorkflowRevisionRecord?> FindRevisionAsync(WorkflowRevisionId id, CancellationToken cancellationToken);

    /// <summary>The most recently saved revision of the workflow, if any.</summary>
    Task<WorkflowRevisionRecord?> FindLatestRevisionAsync(WorkflowId id, CancellationToken cancellationToken);

    /// <summary>All workflows by name.</summary>
    Task<IReadOnlyList<WorkflowRecord>> ListAsync(CancellationToken cancellationToken);
}
