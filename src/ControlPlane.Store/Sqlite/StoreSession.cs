using ControlPlane.Core.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Sqlite;

/// <summary>
/// What the repositories of one unit of work share: its connection (inside its transaction), the store's clock and
/// whether writes are allowed. All SQL goes through here so every statement observes the caller's cancellation token.
/// </summary>
internal sealed class StoreSession
{
    private readonly TimeProvider _time;

    public StoreSession(SqliteConnection connection, TimeProvider time, bool isReadOnly)
    {
        Connection = connection;
        _time = time;
        IsReadOnly = isReadOnly;
    }

    public SqliteConnection Connection { get; }

    public bool IsReadOnly { get; }

    /// <summary>Now by the store's clock, in unix milliseconds: when something happened.</summary>
    public long NowMs() => UnixMs.From(_time.GetUtcNow());

    /// <exception cref="ReadOnlyUnitOfWorkException">This is a read unit of work.</exception>
    public void EnsureWritable(string operation)
    {
        if (IsReadOnly)
        {
            throw new ReadOnlyUnitOfWorkException(operation);
        }
    }

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.ExecuteAsync(Command(sql, parameters, cancellationToken));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, cancellationToken));

    public async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. await Connection.QueryAsync<T>(Command(sql, parameters, cancellationToken))];

    /// <summary>Starts a savepoint so that a multi-statement operation leaves nothing behind if it throws.</summary>
    public Task<Savepoint> SavepointAsync(CancellationToken cancellationToken) => Savepoint.BeginAsync(this, cancellationToken);

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);
}
