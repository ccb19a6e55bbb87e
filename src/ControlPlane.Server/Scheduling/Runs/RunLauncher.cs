using ControlPlane.Core.Planning;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>
/// Starts runs: plans a revision with the given inputs and writes the run (queued) with all its steps (pending) and
/// their specs in one transaction, so a run never exists half-planned. The scheduler takes it from there.
/// </summary>
public sealed class RunLauncher
{
    private readonly IStore _store;
    private readonly SpecCache _specs;
    private readonly SchedulerSignal _signal;
    private readonly ILogger<RunLauncher> _logger;

    public RunLauncher(IStore store, SpecCache specs, SchedulerSignal signal, ILogger<RunLauncher> logger)
    {
        _store = store;
        _specs = specs;
        _signal = signal;
        _logger = logger;
    }

    /// <summary>
    /// Starts a run of <paramref name="workflowName"/> at <paramref name="revision"/> (default: its latest). With an
    /// idempotency key, a repeat of the same request (same workflow, inputs and, if given, revision) returns the run
    /// the first one created, also after a server restart.
    /// </summary>
    /// <param name="priority">Higher runs and their steps go first; ties are first come, first served.</param>
    /// <exception cref="WorkflowNotFoundException">No such workflow or revision.</exception>
    /// <exception cref="Core.Diagnostics.WorkflowValidationException">The inputs do not fit the workflow.</exception>
    /// <exception cref="IdempotencyKeyConflictException">The key already started a different request.</exception>
    public async Task<RunLaunch> StartAsync(
        string workflowName,
        WorkflowRevisionId? revision,
        IReadOnlyDictionary<string, string> inputs,
        string? idempotencyKey,
        int priority,
        CancellationToken cancellationToken)
    {
        var target = await FindRevisionAsync(workflowName, revision, cancellationToken);
        var plan = WorkflowPlanner.Plan(_specs.Definition(target), inputs);
        var inputsJson = RunInputsJson.Serialize(plan.Inputs);

        await using var unit = await _store.BeginAsync(cancellationToken);
        if (idempotencyKey is not null && await unit.Runs.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken) is { } existing)
        {
            CheckSameRequest(idempotencyKey, existing, target, revision is not null, inputsJson);
            return new RunLaunch(existing, Created: false);
        }

        var run = await unit.Runs.CreateAsync(
            new NewRun(target.WorkflowId, target.Id, inputsJson, idempotencyKey, plan.ConcurrencyKey, priority, plan.Timeout),
            cancellationToken);
        await unit.Steps.CreatePlanAsync(run.Id, [.. plan.Steps.Select(ToNewStep)], cancellationToken);
        await unit.CommitAsync(cancellationToken);

        SchedulerLog.RunCreated(_logger, run.Id.Value, workflowName, plan.Steps.Count);
        _signal.RunChanged(run.Id);
        return new RunLaunch(run, Created: true);
    }

    private static NewStep ToNewStep(PlannedStep step) =>
        new(step.Key, step.Needs, StepSpecJson.Serialize(step), step.Strategy is null ? null : step.StepId);

    private async Task<WorkflowRevisionRecord> FindRevisionAsync(string workflowName, WorkflowRevisionId? revisionId, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var workflow = await unit.Workflows.FindByNameAsync(workflowName, cancellationToken)
            ?? throw new WorkflowNotFoundException(workflowName, "has not been applied");
        var revision = revisionId is { } id
            ? await unit.Workflows.FindRevisionAsync(id, cancellationToken)
            : await unit.Workflows.FindLatestRevisionAsync(workflow.Id, cancellationToken);
        return revision is not null && revision.WorkflowId == workflow.Id
            ? revision
            : throw new WorkflowNotFoundException(workflowName, $"has no revision {revisionId}");
    }

    private static void CheckSameRequest(string key, RunRecord existing, WorkflowRevisionRecord target, bool revisionGiven, string inputsJson)
    {
        var difference = existing.WorkflowId != target.WorkflowId ? "another workflow"
            : revisionGiven && existing.RevisionId != target.Id ? $"revision {existing.RevisionId}"
            : existing.InputsJson != inputsJson ? $"other inputs ({existing.InputsJson})"
            : null;
        if (difference is not null)
        {
            throw new IdempotencyKeyConflictException(key, existing.Id, difference);
        }
    }
}
