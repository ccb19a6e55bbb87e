using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Triggers.Schedules;
using ControlPlane.Server.Triggers.Webhooks;

namespace ControlPlane.Server.Queries;

/// <summary>
/// Applies workflow files: validates them and saves each distinct content once, as a revision of its workflow; tells
/// whether the content is new and what the file's warnings are, which the API returns.
/// </summary>
public sealed class WorkflowApplier
{
    private readonly IStore _store;
    private readonly ScheduleSync _schedules;
    private readonly PlanLimits _limits;
    private readonly WebhookSecretRule _webhookSecrets;

    public WorkflowApplier(IStore store, ScheduleSync schedules, PlanLimits limits, WebhookSecretRule webhookSecrets)
    {
        _limits = limits;
        _store = store;
        _schedules = schedules;
        _webhookSecrets = webhookSecrets;
    }

    /// <summary>Validates the file (with what only the server knows: its limits and its secrets) and saves its content once per canonical hash.</summary>
    /// <exception cref="WorkflowValidationException">The file has errors, names a webhook secret the server lacks, or its plan (when inputs cannot change it) has more steps than the limit (<c>Server:MaxStepsPerRun</c>); all of them are listed.</exception>
    public async Task<AppliedRevision> ApplyAsync(string fileName, string text, CancellationToken cancellationToken)
    {
        var result = WorkflowLoader.Validate(fileName, text);
        var definition = result.Definition ?? throw new WorkflowValidationException(result.Diagnostics);
        if (_webhookSecrets.Check(definition) is { Count: > 0 } serverErrors)
        {
            throw new WorkflowValidationException([.. result.Diagnostics, .. serverErrors]);
        }

        if (PlanStepCount.CheckStatic(definition, _limits) is { Count: > 0 } tooLarge)
        {
            throw new WorkflowValidationException(tooLarge);
        }

        var revision = new NewWorkflowRevision(definition.Name, fileName, text, WorkflowContentHash.Compute(definition));

        await using var unit = await _store.BeginAsync(cancellationToken);
        var latestBefore = await LatestRevisionIdAsync(unit, definition.Name, cancellationToken);
        var saved = await unit.Workflows.SaveRevisionAsync(revision, cancellationToken);
        await _schedules.SyncAsync(unit, saved.WorkflowId, definition, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        _schedules.Applied();

        // Writes are serialized and revision ids only grow, so a revision newer than the latest before is new content.
        var created = saved.Id.Value > latestBefore;
        return new AppliedRevision(definition.Name, saved, created, [.. result.Diagnostics.Where(d => !d.IsError)]);
    }

    private static async Task<long> LatestRevisionIdAsync(IUnitOfWork unit, string name, CancellationToken cancellationToken)
    {
        var workflow = await unit.Workflows.FindByNameAsync(name, cancellationToken);
        var latest = workflow is null ? null : await unit.Workflows.FindLatestRevisionAsync(workflow.Id, cancellationToken);
        return latest?.Id.Value ?? 0;
    }
}
