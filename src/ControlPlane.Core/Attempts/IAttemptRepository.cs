using ControlPlane.Core.Runners;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Attempts;

/// <summary>
/// Attempts and their leases. Everything a runner reports is fenced by the lease epoch it was given: a report whose
/// epoch is not the attempt's current one throws <see cref="StaleLeaseException"/> and changes nothing.
/// </summary>
/// <remarks>
/// Epochs are counted per step and only grow, across all attempts of the step: each offer and each re-grant takes
/// the next one, and revoking a lease (LeaseLost, OfferExpired) moves the attempt to a fresh epoch that nobody
/// holds, so the former holder's late reports are refused as stale.
/// </remarks>
public interface IAttemptRepository
{
    /// <summary>
    /// Creates the step's next attempt, offered to the runner under a lease with a new epoch, and writes its event.
    /// Call order, in one unit of work: this, then <see cref="IStepRepository.TransitionAsync"/> with
    /// <see cref="StepTrigger.Offer"/> naming the attempt.
    /// </summary>
    /// <exception cref="Storage.StateConflictException">The step is not ready.</exception>
    /// <exception cref="Storage.EntityNotFoundException">No such step.</exception>
    Task<AttemptRecord> OfferAsync(NewAttempt attempt, CancellationToken cancellationToken);

    Task<AttemptRecord?> FindAsync(AttemptId id, CancellationToken cancellationToken);

    /// <exception cref="Storage.EntityNotFoundException">No such attempt.</exception>
    Task<AttemptRecord> GetAsync(AttemptId id, CancellationToken cancellationToken);

    /// <summary>The step's attempts, first to last.</summary>
    Task<IReadOnlyList<AttemptRecord>> ListByStepAsync(StepId stepId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="trigger"/> if the attempt is in <paramref name="expectedFrom"/> under lease
    /// <paramref name="epoch"/>, records <paramref name="details"/> and the implied times (a terminal state ends the
    /// lease), and writes the event. The epoch is checked before the state.
    /// </summary>
    /// <exception cref="StateMachines.IllegalTransitionException">The table has no such transition; checked first.</exception>
    /// <exception cref="StaleLeaseException"><paramref name="epoch"/> is not current.</exception>
    /// <exception cref="Storage.StateConflictException">The attempt is no longer in <paramref name="expectedFrom"/>.</exception>
    /// <exception cref="Storage.EntityNotFoundException">No such attempt.</exception>
    Task<AttemptRecord> TransitionAsync(AttemptId id, long epoch, AttemptTrigger trigger, AttemptState expectedFrom, AttemptTransitionDetails? details, CancellationToken cancellationToken);

    /// <summary>
    /// Grants the live attempt's lease again, to the same runner, under a new epoch: a new session of that runner
    /// resumes the attempt (after an agent or server restart) and whatever the old session still sends is fenced off.
    /// </summary>
    /// <exception cref="Storage.StateConflictException">The attempt is not offered or running.</exception>
    Task<Lease> GrantLeaseAsync(AttemptId id, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Extends the lease (a heartbeat). Never moves the expiry earlier.</summary>
    /// <exception cref="StaleLeaseException"><paramref name="epoch"/> is not current.</exception>
    /// <exception cref="Storage.StateConflictException">The attempt is not offered or running.</exception>
    Task<Lease> ExtendLeaseAsync(AttemptId id, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Records the pid or container id the runner started the work as, so a restarted agent can find it.</summary>
    /// <exception cref="StaleLeaseException"><paramref name="epoch"/> is not current.</exception>
    Task RecordProcessAsync(AttemptId id, long epoch, string processRef, CancellationToken cancellationToken);

    /// <summary>Offered and running attempts whose lease expired before <paramref name="now"/>, earliest expiry first.</summary>
    Task<IReadOnlyList<AttemptRecord>> ListExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Every offered and running attempt: the leases startup recovery rebuilds.</summary>
    Task<IReadOnlyList<AttemptRecord>> ListLiveAsync(CancellationToken cancellationToken);

    /// <summary>The runner's offered and running attempts, e.g. to revoke when it is lost.</summary>
    Task<IReadOnlyList<AttemptRecord>> ListLiveByRunnerAsync(RunnerId runnerId, CancellationToken cancellationToken);

    /// <summary>Offered and running attempts per runner: the slots each runner has in use.</summary>
    Task<IReadOnlyDictionary<RunnerId, int>> CountLiveByRunnerAsync(CancellationToken cancellationToken);
}
