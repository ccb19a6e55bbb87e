using System.Runtime.CompilerServices;
using ControlPlane.Core.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Sqlite;

/// <summary>
/// What the repositories of one unit of work share: its connection (inside its transaction), the store's clock and
/// whether writes are allowed. All SQL goes through here, so every statement observes the caller's cancellation
/// token and engine errors surface as <see cref="StoreFailureException"/> rather than a SQLite type; on a write
/// session a full disk, a read-only file system or an I/O error surfaces as <see cref="StoreUnwritableException"/>.
/// </summary>
internal sealed class StoreSession
{
    private readonly TimeProvider _time;
    private readonly StoreWriteHealth? _health;

    public StoreSession(SqliteConnection connection, TimeProvider time, bool isReadOnly, StoreWriteHealth? health = null)
    {
        Connection = connection;
        _time = time;
        IsReadOnly = isReadOnly;
        _health = health;
    }

    public SqliteConnection Connection { get; }

    public bool IsReadOnly { get; }

    /// <summary>A write transaction committed: the store can write.</summary>
    public void Committed() => _health?.ReportCommitted();

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
        GuardAsync(() => Connection.ExecuteAsync(Command(sql, parameters, cancellationToken)));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        GuardAsync(() => Connection.ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken)));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        GuardAsync(() => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, cancellationToken)));

    public async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. await GuardAsync(() => Connection.QueryAsync<T>(Command(sql, parameters, cancellationToken)))];

    /// <summary>Rows one at a time, for results too large to buffer (log bytes).</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, object? parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var rows = Connection.QueryUnbufferedAsync<T>(sql, parameters).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await rows.MoveNextAsync();
            }
            catch (SqliteException error)
            {
                throw new StoreFailureException(error.Message, error);
            }

            if (!more)
            {
                yield break;
            }

            yield return rows.Current;
        }
    }

    /// <summary>Starts a savepoint so that a multi-statement operation leaves nothing behind if it throws.</summary>
    public Task<Savepoint> SavepointAsync(CancellationToken cancellationToken) => Savepoint.BeginAsync(this, cancellationToken);

    private async Task<T> GuardAsync<T>(Func<Task<T>> statement)
    {
        try
        {
            return await statement();
        }
        catch (SqliteException error) when (!IsReadOnly && SqliteErrors.IsUnwritable(error))
        {
            var unwritable = new StoreUnwritableException(SqliteErrors.Cause(error), error);
            _health?.ReportFailure(unwritable);
            throw unwritable;
        }
        catch (SqliteException error)
        {
            throw new StoreFailureException(error.Message, error);
        }
    }

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);
}
