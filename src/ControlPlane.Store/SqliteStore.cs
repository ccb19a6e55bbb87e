using ControlPlane.Core.Storage;
using ControlPlane.Store.Migrations;
using ControlPlane.Store.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store;

/// <summary>
/// The store on one SQLite file (WAL, synchronous=FULL, foreign keys on, busy timeout), migrated on open. The file and
/// its WAL and shared-memory files are readable and writable by the owner only (0600), whatever the umask.
/// </summary>
/// <remarks>
/// SQLite allows one writer at a time, so the store keeps one write connection and serializes write units of work
/// with an async lock (waiting in the process is cheaper and fairer than SQLITE_BUSY retries). Read units of work
/// use separate pooled read-only connections and never wait for the writer, thanks to WAL.
/// Microsoft.Data.Sqlite runs statements synchronously under its async API; the async signatures keep callers
/// honest for the day the I/O is truly asynchronous, and the lock wait already is.
/// </remarks>
public sealed class SqliteStore : IStore
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnections _connections;
    private readonly SqliteConnection _writeConnection;
    private readonly TimeProvider _time;
    private bool _disposed;

    static SqliteStore()
    {
        // Row classes use PascalCase properties for snake_case columns.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private SqliteStore(SqliteConnections connections, SqliteConnection writeConnection, TimeProvider time, int schemaVersion)
    {
        _connections = connections;
        _writeConnection = writeConnection;
        _time = time;
        SchemaVersion = schemaVersion;
    }

    /// <summary>The database file.</summary>
    public string Path => _connections.Path;

    /// <summary>The schema version (PRAGMA user_version) the file is at.</summary>
    public int SchemaVersion { get; }

    public StoreWriteHealth WriteHealth { get; } = new();

    /// <summary>The schema version this build migrates files to.</summary>
    public static int LatestSchemaVersion => EmbeddedMigrations.All.Count;

    /// <summary>Opens (creating if needed) and migrates the store at <paramref name="path"/>; its directory must exist.</summary>
    /// <exception cref="StoreSchemaTooNewException">The file was written by a newer build.</exception>
    /// <exception cref="StoreMigrationFailedException">A migration failed; the file is unchanged.</exception>
    public static Task<SqliteStore> OpenAsync(string path, TimeProvider time, CancellationToken cancellationToken) =>
        OpenAsync(path, time, new SqliteStoreOptions(), cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, TimeProvider, CancellationToken)"/>
    public static Task<SqliteStore> OpenAsync(string path, TimeProvider time, SqliteStoreOptions options, CancellationToken cancellationToken) =>
        OpenAsync(path, time, options, EmbeddedMigrations.All, cancellationToken);

    /// <summary>Opens with an explicit migration list: the test hook for migrations that fail on purpose.</summary>
    internal static async Task<SqliteStore> OpenAsync(string path, TimeProvider time, SqliteStoreOptions options, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var connections = new SqliteConnections(System.IO.Path.GetFullPath(path), options);
        try
        {
            OwnerOnlyFiles.Prepare(connections.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreOpenException(connections.Path, $"cannot create the database file or make it owner-only: {e.Message}");
        }

        var writeConnection = await connections.OpenWriteAsync(cancellationToken);
        try
        {
            var version = await MigrationRunner.MigrateAsync(writeConnection, connections.Path, migrations, cancellationToken);
            return new SqliteStore(connections, writeConnection, time, version);
        }
        catch
        {
            await writeConnection.DisposeAsync();
            throw;
        }
    }

    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var session = new StoreSession(_writeConnection, _time, isReadOnly: false, WriteHealth);
            return await SqliteUnitOfWork.BeginAsync(session, ReleaseWriteLock, cancellationToken);
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public async Task<IUnitOfWork> BeginReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await _connections.OpenReadAsync(cancellationToken);
        try
        {
            var session = new StoreSession(connection, _time, isReadOnly: true);
            return await SqliteUnitOfWork.BeginAsync(session, connection.DisposeAsync, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets PRAGMA user_version to the value it has: a real write to the WAL that changes no data.</summary>
    public async Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        await using var unit = (SqliteUnitOfWork)await BeginAsync(cancellationToken);
        await unit.Session.ExecuteAsync($"PRAGMA user_version = {SchemaVersion}", null, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Closes the file. Waits for the current write unit of work; every unit of work must be disposed first. The WAL
    /// is checkpointed into the database and truncated first, so a stopped server leaves one self-contained file (a
    /// copy or backup of <see cref="Path"/> alone holds everything) and no WAL to replay at the next open.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writeLock.WaitAsync(CancellationToken.None);
        // The pooled read-only connections go first: the last connection to close cannot be a read-only one, which
        // could neither checkpoint nor remove the WAL.
        _connections.ClearReadPool();
        await CheckpointAsync();
        await _writeConnection.DisposeAsync();
        _writeLock.Dispose();
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await _writeConnection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // Busy or unwritable: the WAL stays and SQLite replays it at the next open; nothing is lost.
        }
    }

    private ValueTask ReleaseWriteLock()
    {
        _writeLock.Release();
        return ValueTask.CompletedTask;
    }
}
