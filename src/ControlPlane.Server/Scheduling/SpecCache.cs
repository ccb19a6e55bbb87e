using System.Collections.Concurrent;
using System.Text.Json;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// Parsed forms of what the store keeps as text and never changes: step specs (by step) and workflow definitions (by
/// revision). A cache in the strict sense: everything here can be read again from the store, so a restart loses
/// nothing. Thread-safe; the loop forgets a run's specs when the run finishes.
/// </summary>
public sealed class SpecCache
{
    private readonly ConcurrentDictionary<StepId, PlannedStep> _steps = new();
    private readonly ConcurrentDictionary<WorkflowRevisionId, WorkflowDefinition> _definitions = new();

    public PlannedStep Step(StepRecord step) => _steps.GetOrAdd(step.Id, static (_, json) => StepSpecJson.Deserialize(json), step.SpecJson);

    /// <summary>The step as scheduling policies see it: its record, its parsed spec and its stored outputs.</summary>
    public ScheduledStep Scheduled(StepRecord step) => new(
        step.Id,
        step.Key,
        step.State,
        Step(step),
        step.OutputsJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>(),
        step.ExitCode);

    public async Task<PlannedStep> StepAsync(IUnitOfWork unit, StepId stepId, CancellationToken cancellationToken) =>
        _steps.TryGetValue(stepId, out var spec) ? spec : Step(await unit.Steps.GetAsync(stepId, cancellationToken));

    public void Forget(IEnumerable<StepId> stepIds)
    {
        foreach (var stepId in stepIds)
        {
            _steps.TryRemove(stepId, out _);
        }
    }

    /// <summary>The revision's definition (parsed once); a stored revision was valid when it was applied.</summary>
    public WorkflowDefinition Definition(WorkflowRevisionRecord revision) =>
        _definitions.GetOrAdd(revision.Id, static (_, r) => WorkflowLoader.Load(r.FileName, r.Source, WorkflowLoadOptions.Stored), revision);

    /// <exception cref="EntityNotFoundException">No such revision.</exception>
    public async Task<WorkflowDefinition> DefinitionAsync(IUnitOfWork unit, WorkflowRevisionId revisionId, CancellationToken cancellationToken)
    {
        if (_definitions.TryGetValue(revisionId, out var definition))
        {
            return definition;
        }

        var revision = await unit.Workflows.FindRevisionAsync(revisionId, cancellationToken)
            ?? throw new EntityNotFoundException("workflow revision", revisionId.ToString());
        return Definition(revision);
    }
}
