using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Scheduling.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>Reads workflows and their revisions, each call on one consistent snapshot.</summary>
public sealed class WorkflowQueries
{
    private readonly IStore _store;

    public WorkflowQueries(IStore store)
    {
        _store = store;
    }

    /// <summary>The workflow with its latest revision, and the requested revision (the latest when none is named).</summary>
    /// <exception cref="WorkflowNotFoundException">No such workflow, or it has no such revision.</exception>
    public async Task<(WorkflowView Workflow, WorkflowRevisionRecord Revision)> GetAsync(string name, WorkflowRevisionId? revisionId, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var (workflow, revision) = await RevisionLookup.FindAsync(unit, name, revisionId, cancellationToken);
        var latest = await unit.Workflows.FindLatestRevisionAsync(workflow.Id, cancellationToken);
        return (new WorkflowView(workflow, latest), revision);
    }

    /// <summary>Every workflow by name, each with its latest revision.</summary>
    public async Task<IReadOnlyList<WorkflowView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var views = new List<WorkflowView>();
        foreach (var workflow in await unit.Workflows.ListAsync(cancellationToken))
        {
            views.Add(new WorkflowView(workflow, await unit.Workflows.FindLatestRevisionAsync(workflow.Id, cancellationToken)));
        }

        return views;
    }
}
