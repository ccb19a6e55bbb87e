using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Scheduling.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>Finds a workflow by name and one of its revisions, refusing a revision of another workflow.</summary>
internal static class RevisionLookup
{
    /// <exception cref="WorkflowNotFoundException">No such workflow, or it has no such revision.</exception>
    public static async Task<(WorkflowRecord Workflow, WorkflowRevisionRecord Revision)> FindAsync(
        IUnitOfWork unit, string workflowName, WorkflowRevisionId? revisionId, CancellationToken cancellationToken)
    {
        var workflow = await unit.Workflows.FindByNameAsync(workflowName, cancellationToken)
            ?? throw new WorkflowNotFoundException(workflowName, "has not been applied");
        var revision = revisionId is { } id
            ? await unit.Workflows.FindRevisionAsync(id, cancellationToken)
            : await unit.Workflows.FindLatestRevisionAsync(workflow.Id, cancellationToken);
        return revision is not null && revision.WorkflowId == workflow.Id
            ? (workflow, revision)
            : throw new WorkflowNotFoundException(workflowName, $"has no revision {revisionId}");
    }
}
