using ControlPlane.Core.Planning;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>Dry runs: plans a stored revision with inputs exactly as starting a run would, and stores nothing.</summary>
public sealed class RunPreviewer
{
    private readonly IStore _store;
    private readonly SpecCache _specs;
    private readonly PlanLimits _limits;

    public RunPreviewer(IStore store, SpecCache specs, PlanLimits limits)
    {
        _limits = limits;
        _store = store;
        _specs = specs;
    }

    /// <summary>The plan as text.</summary>
    /// <exception cref="WorkflowNotFoundException">No such workflow or revision.</exception>
    /// <exception cref="Core.Diagnostics.WorkflowValidationException">The inputs do not fit the workflow.</exception>
    public async Task<string> PreviewAsync(string workflowName, WorkflowRevisionId? revisionId, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var (_, revision) = await RevisionLookup.FindAsync(unit, workflowName, revisionId, cancellationToken);
        return PlanRenderer.Render(WorkflowPlanner.Plan(_specs.Definition(revision), inputs, _limits));
    }
}
