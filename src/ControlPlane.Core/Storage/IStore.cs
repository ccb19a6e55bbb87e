namespace ControlPlane.Core.Storage;

/// <summary>
/// The durable store: the source of truth for workflows, runs, steps, attempts, runners, logs and events.
/// Memory elsewhere is a cache of it; a decision is acted on only after the unit of work that records it commits.
/// </summary>
/// <remarks>
/// <para><b>Units of work.</b> Everything happens inside one: begin, call repositories, <see cref="IUnitOfWork.CommitAsync"/>,
/// dispose. Disposing without committing rolls everything back. A unit of work is one database transaction and is
/// used by one logical caller at a time (no concurrent calls on the same instance).</para>
/// <para><b>Concurrency.</b> Write units of work are serialized: <see cref="BeginAsync"/> waits (asynchronously) until
/// the previous one is disposed, so keep them short and never begin a second one while holding one (that
/// deadlocks). Read units of work run concurrently with each other and with the writer, each on a consistent
/// snapshot taken at its first read.</para>
/// <para><b>Cancellation.</b> Every call takes a token, observed before each statement; a statement already running
/// completes. Cancelling never commits anything partial: the unit of work is rolled back on dispose.</para>
/// <para><b>Lifetime.</b> Open once per process (the implementation's factory applies migrations); dispose after
/// every unit of work has been disposed.</para>
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>Begins a write unit of work, waiting for the one before it to finish.</summary>
    Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken);

    /// <summary>Begins a read-only unit of work; its write methods throw <see cref="ReadOnlyUnitOfWorkException"/>.</summary>
    Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken);

    /// <summary>Whether writes work, as the latest write found it (a full disk, a read-only mount, an I/O error).</summary>
    StoreWriteHealth WriteHealth { get; }

    /// <summary>
    /// Commits a write that changes no data, to find out whether the store can write again; updates
    /// <see cref="WriteHealth"/> either way.
    /// </summary>
    /// <exception cref="StoreUnwritableException">The database still cannot be written.</exception>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
