using ControlPlane.Core.Storage;

namespace ControlPlane.Store.Sqlite;

/// <summary>
/// A SAVEPOINT around one store operation (a transition and its event, a run and its idempotency key). SQLite
/// undoes only the failing statement on an error, not the ones before it; rolling back to the savepoint undoes the
/// whole operation, so the unit of work stays consistent and usable after the operation throws.
/// </summary>
internal sealed class Savepoint : IAsyncDisposable
{
    private readonly StoreSession _session;
    private bool _released;

    private Savepoint(StoreSession session)
    {
        _session = session;
    }

    public static async Task<Savepoint> BeginAsync(StoreSession session, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("SAVEPOINT store_operation", null, cancellationToken);
        return new Savepoint(session);
    }

    /// <summary>Keeps the operation's writes as part of the enclosing transaction.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _session.ExecuteAsync("RELEASE store_operation", null, cancellationToken);
        _released = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        try
        {
            // Not cancellable: undoing must finish even when the caller gave up.
            await _session.ExecuteAsync("ROLLBACK TO store_operation; RELEASE store_operation", null, CancellationToken.None);
        }
        catch (StoreException) when (SQLitePCL.raw.sqlite3_get_autocommit(_session.Connection.Handle) != 0)
        {
            // SQLite already rolled the whole transaction back (e.g. disk full); COMMIT will report it.
        }
    }
}
