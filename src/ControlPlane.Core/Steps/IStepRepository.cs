using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Steps;

/// <summary>The steps of runs' expanded plans. Every state change goes through <see cref="TransitionAsync"/>, which writes its event.</summary>
public interface IStepRepository
{
    /// <summary>
    /// Writes a run's expanded plan: every step pending, with a <c>created</c> event each, in the given order.
    /// Step keys are unique per run.
    /// </summary>
    Task<IReadOnlyList<StepRecord>> CreatePlanAsync(RunId runId, IReadOnlyList<NewStep> steps, CancellationToken cancellationToken);

    Task<StepRecord?> FindAsync(StepId id, CancellationToken cancellationToken);

    /// <exception cref="Storage.EntityNotFoundException">No such step.</exception>
    Task<StepRecord> GetAsync(StepId id, CancellationToken cancellationToken);

    Task<StepRecord?> FindByKeyAsync(RunId runId, string key, CancellationToken cancellationToken);

    /// <summary>The run's steps in plan order.</summary>
    Task<IReadOnlyList<StepRecord>> ListByRunAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="trigger"/> if the step is in <paramref name="expectedFrom"/>, records
    /// <paramref name="details"/> and the times the new state implies, and writes the event.
    /// </summary>
    /// <exception cref="StateMachines.IllegalTransitionException">The table has no such transition; checked first.</exception>
    /// <exception cref="ArgumentException">A retry transition without <see cref="StepTransitionDetails.NotBefore"/>.</exception>
    /// <exception cref="Storage.StateConflictException">The step is no longer in <paramref name="expectedFrom"/>.</exception>
    /// <exception cref="Storage.EntityNotFoundException">No such step.</exception>
    Task<StepRecord> TransitionAsync(StepId id, StepTrigger trigger, StepState expectedFrom, StepTransitionDetails? details, CancellationToken cancellationToken);

    /// <summary>
    /// Ready steps of running runs in dispatch order: run priority (higher first), then the time the step became
    /// ready (FIFO), then id. Each carries its run's workflow so the scheduler can round-robin across workflows.
    /// </summary>
    Task<IReadOnlyList<ReadyStep>> ListReadyAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Ready steps of running runs, at most <paramref name="perWorkflow"/> from each workflow, in the dispatch order of
    /// <see cref="ListReadyAsync"/>: a workflow with thousands of ready steps cannot crowd the others out of the list,
    /// so the scheduler can take turns between workflows.
    /// </summary>
    Task<IReadOnlyList<ReadyStep>> ListReadyPerWorkflowAsync(int perWorkflow, CancellationToken cancellationToken);

    /// <summary>
    /// Sets why the step is still waiting (e.g. "2 matching runners, all slots busy") without changing its state.
    /// Writes no event: the reason is a note for people that the scheduler refreshes as things change.
    /// </summary>
    /// <exception cref="Storage.EntityNotFoundException">No such step.</exception>
    Task SetPendingReasonAsync(StepId id, string? reason, CancellationToken cancellationToken);

    /// <summary>Steps waiting for retry whose <c>not_before</c> is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<StepRecord>> ListRetryDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Offered and running steps per run.</summary>
    Task<IReadOnlyDictionary<RunId, int>> CountActiveByRunAsync(CancellationToken cancellationToken);

    /// <summary>Offered and running steps per concurrency key of their run (runs without a key are not counted).</summary>
    Task<IReadOnlyDictionary<string, int>> CountActiveByConcurrencyKeyAsync(CancellationToken cancellationToken);
}
