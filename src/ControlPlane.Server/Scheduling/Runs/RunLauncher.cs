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
    private readonly PlanLimits _limits;

    public RunLauncher(IStore store, SpecCache specs, SchedulerSignal signal, PlanLimits limits, ILogger<RunLauncher> logger)
    {
        _limits = limits;
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
    public Task<RunLaunch> StartAsync(
        string workflowName,
        WorkflowRevisionId? revision,
        IReadOnlyDictionary<string, string> inputs,
        string? idempotencyKey,
        int priority,
        CancellationToken cancellationToken) =>
        StartAsync(new RunStartRequest(workflowName, revision, inputs, idempotencyKey, priority), null, cancellationToken);

    /// <summary>
    /// As the overload above, for any origin; <paramref name="inSameTransaction"/> runs inside the unit of work that
    /// creates the run (or finds it by idempotency key), is given that run, and commits with it, so a trigger's own
    /// bookkeeping and the run it starts are written together or not at all. An exception from it writes nothing.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">No such workflow or revision.</exception>
    /// <exception cref="Core.Diagnostics.WorkflowValidationException">The inputs do not fit the workflow, or the plan has more steps than the limit (<c>Server:MaxStepsPerRun</c>).</exception>
    /// <exception cref="IdempotencyKeyConflictException">The key already started a different request.</exception>
    public async Task<RunLaunch> StartAsync(RunStartRequest request, Func<IUnitOfWork, RunRecord, CancellationToken, Task>? inSameTransaction, CancellationToken cancellationToken)
    {
        var target = await FindRevisionAsync(request.WorkflowName, request.Revision, cancellationToken);
        var plan = WorkflowPlanner.Plan(_specs.Definition(target), request.Inputs, _limits);
        var inputsJson = RunInputsJson.Serialize(plan.Inputs);

        await using var unit = await _store.BeginAsync(cancellationToken);
        if (request.IdempotencyKey is { } key && await unit.Runs.FindByIdempotencyKeyAsync(key, cancellationToken) is { } existing)
        {
            CheckSameRequest(key, existing, target, request.Revision is not null, inputsJson);
            if (inSameTransaction is not null)
            {
                await inSameTransaction(unit, existing, cancellationToken);
                await unit.CommitAsync(cancellationToken);
            }

            return new RunLaunch(existing, Created: false);
        }

        var newRun = new NewRun(target.WorkflowId, target.Id, inputsJson, request.IdempotencyKey, plan.ConcurrencyKey, request.Priority, plan.Timeout)
        {
            Origin = request.Origin,
            EventJson = request.EventJson,
        };
        var run = await unit.Runs.CreateAsync(newRun, cancellationToken);
        await unit.Steps.CreatePlanAsync(run.Id, [.. plan.Steps.Select(ToNewStep)], cancellationToken);
        if (inSameTransaction is not null)
        {
            await inSameTransaction(unit, run, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);

        SchedulerLog.RunCreated(_logger, run.Id.Value, request.WorkflowName, plan.Steps.Count);
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
