namespace ControlPlane.Core.Runners;

/// <summary>Registered runners. Connection state changes go through <see cref="TransitionAsync"/>, which writes its event.</summary>
public interface IRunnerRepository
{
    /// <summary>Registers an offline runner and writes its event.</summary>
    /// <exception cref="DuplicateRunnerNameException">The name is taken; nothing was written.</exception>
    Task<RunnerRecord> RegisterAsync(NewRunner runner, CancellationToken cancellationToken);

    Task<RunnerRecord?> FindAsync(RunnerId id, CancellationToken cancellationToken);

    /// <exception cref="Storage.EntityNotFoundException">No such runner.</exception>
    Task<RunnerRecord> GetAsync(RunnerId id, CancellationToken cancellationToken);

    Task<RunnerRecord?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>The runner whose token hashes to <paramref name="tokenHash"/> (see <see cref="RunnerTokens.Hash"/>).</summary>
    Task<RunnerRecord?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>All runners by name, removed ones excepted.</summary>
    Task<IReadOnlyList<RunnerRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stamps the runner's last heartbeat with the store's clock. Writes no event (there would be too many).</summary>
    /// <exception cref="Storage.EntityNotFoundException">No such runner.</exception>
    Task RecordHeartbeatAsync(RunnerId id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the runner's labels and capacity with what it reports when it connects (the machine may have changed
    /// since it registered). Writes an event only when something changed. Idempotent.
    /// </summary>
    /// <exception cref="Storage.EntityNotFoundException">No such runner.</exception>
    Task<RunnerRecord> UpdateProfileAsync(RunnerId id, IReadOnlyList<string> labels, int capacity, CancellationToken cancellationToken);

    /// <summary>Sets or clears the drain flag and writes an event. Idempotent.</summary>
    /// <exception cref="Storage.EntityNotFoundException">No such runner.</exception>
    Task<RunnerRecord> SetDrainingAsync(RunnerId id, bool draining, CancellationToken cancellationToken);

    /// <exception cref="StateMachines.IllegalTransitionException">The table has no such transition; checked first.</exception>
    /// <exception cref="Storage.StateConflictException">The runner is no longer in <paramref name="expectedFrom"/>.</exception>
    /// <exception cref="Storage.EntityNotFoundException">No such runner.</exception>
    Task<RunnerRecord> TransitionAsync(RunnerId id, RunnerTrigger trigger, RunnerState expectedFrom, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a runner: it leaves <see cref="ListAsync"/>, its token stops working and its name is freed for a new
    /// registration (the row is renamed <c>NAME (removed ID)</c>, so attempts and events that reference it keep their
    /// history). Writes an event. The caller checks that the runner holds no attempts.
    /// </summary>
    /// <exception cref="Storage.EntityNotFoundException">No such runner, or it was removed already.</exception>
    Task RemoveAsync(RunnerId id, CancellationToken cancellationToken);

    /// <summary>Online runners whose last heartbeat is before <paramref name="cutoff"/> (now minus the grace period).</summary>
    Task<IReadOnlyList<RunnerRecord>> ListHeartbeatOverdueAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
