using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Storage;

/// <summary>
/// Idempotency keys: each maps to the one run it was claimed for (claimed by <see cref="IRunRepository.CreateAsync"/>).
/// Keys are global, not per workflow, and kept apart from runs so they can expire while the runs stay.
/// </summary>
public interface IIdempotencyKeyRepository
{
    Task<RunId?> FindRunAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets keys claimed before <paramref name="cutoff"/>; returns how many. The runs are kept.</summary>
    Task<int> ForgetClaimedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
