using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Triggers.Schedules;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>Accepts workflow files: validates them and saves each distinct content once, as a revision of its workflow.</summary>
public sealed class WorkflowCatalog
{
    private readonly IStore _store;
    private readonly ScheduleSync _schedules;

    public WorkflowCatalog(IStore store, ScheduleSync schedules)
    {
        _store = store;
        _schedules = schedules;
    }

    /// <summary>
    /// Validates <paramref name="text"/> and saves it as a revision of the workflow it names. Idempotent: the same
    /// content (by canonical hash, so reformatting does not count) is the same revision.
    /// </summary>
    /// <exception cref="Core.Diagnostics.WorkflowValidationException">The file is invalid; every problem is listed.</exception>
    public async Task<WorkflowRevisionRecord> ApplyAsync(string fileName, string text, CancellationToken cancellationToken)
    {
        var definition = WorkflowLoader.Load(fileName, text);
        var revision = new NewWorkflowRevision(definition.Name, fileName, text, WorkflowContentHash.Compute(definition));
        await using var unit = await _store.BeginAsync(cancellationToken);
        var saved = await unit.Workflows.SaveRevisionAsync(revision, cancellationToken);
        await _schedules.SyncAsync(unit, saved.WorkflowId, definition, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        _schedules.Applied();
        return saved;
    }
}
