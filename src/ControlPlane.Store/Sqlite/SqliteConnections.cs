using Dapper;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Sqlite;

/// <summary>
/// Opens connections to one database file with the store's settings. The write connection is unpooled and lives
/// as long as the store; read connections are pooled and opened read-only.
/// </summary>
internal sealed class SqliteConnections
{
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly int _busyTimeoutMilliseconds;

    public SqliteConnections(string path, SqliteStoreOptions options)
    {
        Path = path;
        _busyTimeoutMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        var common = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        _writeConnectionString = new SqliteConnectionStringBuilder(common.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString;
        _readConnectionString = new SqliteConnectionStringBuilder(common.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ConnectionString;
    }

    public string Path { get; }

    /// <summary>Opens the write connection and puts the file in WAL mode.</summary>
    public async Task<SqliteConnection> OpenWriteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ApplyPragmasAsync(connection, cancellationToken);

            // WAL lets readers proceed while the single writer commits; it is a property of the file and persists.
            var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken));
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreOpenException(Path, $"the database refused WAL journaling (journal_mode is '{mode}')");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ApplyPragmasAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled read connections so the file is released.</summary>
    public void ClearReadPool()
    {
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task ApplyPragmasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // synchronous=FULL fsyncs the WAL on every commit, so a decision is on disk before anyone acts on it.
        // NORMAL would be several times faster but can lose the last commits on power loss, which would let a
        // runner run work the store no longer remembers granting. Durability wins; `bench scheduler` measures the cost.
        var sql = $"""
            PRAGMA busy_timeout = {_busyTimeoutMilliseconds};
            PRAGMA foreign_keys = ON;
            PRAGMA synchronous = FULL;
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }
}
