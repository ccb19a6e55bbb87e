namespace ControlPlane.Core.Runs;

/// <summary>Runs. Every state change goes through <see cref="TransitionAsync"/>, which writes its event.</summary>
public interface IRunRepository
{
    /// <summary>
    /// Creates a queued run (and its <c>created</c> event). With an idempotency key, claims the key in the same
    /// transaction; the caller looks the key up first (<see cref="FindByIdempotencyKeyAsync"/>) to return the
    /// existing run instead.
    /// </summary>
    /// <exception cref="DuplicateIdempotencyKeyException">The key belongs to another run; nothing was written.</exception>
    Task<RunRecord> CreateAsync(NewRun run, CancellationToken cancellationToken);

    Task<RunRecord?> FindAsync(RunId id, CancellationToken cancellationToken);

    /// <exception cref="Storage.EntityNotFoundException">No such run.</exception>
    Task<RunRecord> GetAsync(RunId id, CancellationToken cancellationToken);

    /// <summary>The run an idempotency key was claimed for, while the key is kept.</summary>
    Task<RunRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="trigger"/> if the run is in <paramref name="expectedFrom"/>, stamps the times the
    /// new state implies (start and deadline, finish; Retry adds one to the run attempt) and writes the event.
    /// </summary>
    /// <exception cref="StateMachines.IllegalTransitionException">The table has no such transition; checked first.</exception>
    /// <exception cref="Storage.StateConflictException">The run is no longer in <paramref name="expectedFrom"/>.</exception>
    /// <exception cref="Storage.EntityNotFoundException">No such run.</exception>
    Task<RunRecord> TransitionAsync(RunId id, RunTrigger trigger, RunState expectedFrom, string? eventDataJson, CancellationToken cancellationToken);

    /// <summary>Queued, running and cancelling runs, oldest first: what startup recovery rebuilds.</summary>
    Task<IReadOnlyList<RunRecord>> ListActiveAsync(CancellationToken cancellationToken);

    /// <summary>Runs matching <paramref name="query"/>, newest first (descending id), at most its limit.</summary>
    Task<IReadOnlyList<RunRecord>> ListAsync(RunListQuery query, CancellationToken cancellationToken);

    /// <summary>Queued runs in admission order: priority (higher first), then creation.</summary>
    Task<IReadOnlyList<RunRecord>> ListQueuedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Running runs whose deadline is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<RunRecord>> ListPastDeadlineAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Running and cancelling runs per concurrency key (runs without a key are not counted).</summary>
    Task<IReadOnlyDictionary<string, int>> CountActiveByConcurrencyKeyAsync(CancellationToken cancellationToken);
}
