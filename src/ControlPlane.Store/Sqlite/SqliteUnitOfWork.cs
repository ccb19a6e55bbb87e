using ControlPlane.Core.Attempts;
using ControlPlane.Core.Auth;
using ControlPlane.Core.Events;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Retention;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Statistics;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Attempts;
using ControlPlane.Store.Auth;
using ControlPlane.Store.Events;
using ControlPlane.Store.IdempotencyKeys;
using ControlPlane.Store.Logs;
using ControlPlane.Store.Notifications;
using ControlPlane.Store.Retention;
using ControlPlane.Store.Runners;
using ControlPlane.Store.Runs;
using ControlPlane.Store.Statistics;
using ControlPlane.Store.Steps;
using ControlPlane.Store.Triggers;
using ControlPlane.Store.Workflows;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Sqlite;

/// <summary>One SQLite transaction: BEGIN IMMEDIATE for writes (the write lock is taken up front, so two writers
/// never deadlock upgrading a read lock), a deferred BEGIN for reads (a snapshot from the first read on).</summary>
internal sealed class SqliteUnitOfWork : IUnitOfWork
{
    private readonly StoreSession _session;
    private readonly Func<ValueTask> _end;
    private bool _committed;
    private bool _disposed;

    private SqliteUnitOfWork(StoreSession session, Func<ValueTask> end)
    {
        _session = session;
        _end = end;
        var events = new EventLog(session);
        Events = events;
        Workflows = new WorkflowRepository(session);
        Runs = new RunRepository(session, events);
        Steps = new StepRepository(session, events);
        Attempts = new AttemptRepository(session, events);
        Runners = new RunnerRepository(session, events);
        Logs = new LogRepository(session);
        IdempotencyKeys = new IdempotencyKeyRepository(session);
        ApiTokens = new ApiTokenRepository(session);
        Notifications = new NotificationRepository(session);
        Schedules = new ScheduleRepository(session);
        SignedDeliveries = new SignedDeliveryRepository(session);
        Statistics = new StatisticsRepository(session);
        Retention = new RetentionRepository(session);
    }

    public bool IsReadOnly => _session.IsReadOnly;

    /// <summary>For tests that inspect the connection's settings.</summary>
    internal StoreSession Session => _session;

    public IWorkflowRepository Workflows { get; }

    public IRunRepository Runs { get; }

    public IStepRepository Steps { get; }

    public IAttemptRepository Attempts { get; }

    public IRunnerRepository Runners { get; }

    public ILogRepository Logs { get; }

    public IEventLog Events { get; }

    public IIdempotencyKeyRepository IdempotencyKeys { get; }

    public IApiTokenRepository ApiTokens { get; }

    public INotificationRepository Notifications { get; }

    public IScheduleRepository Schedules { get; }

    public ISignedDeliveryRepository SignedDeliveries { get; }

    public IStatisticsRepository Statistics { get; }

    public IRetentionRepository Retention { get; }

    /// <summary>Begins the transaction; <paramref name="end"/> runs once on dispose (release the write lock or the read connection).</summary>
    public static async Task<SqliteUnitOfWork> BeginAsync(StoreSession session, Func<ValueTask> end, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(session.IsReadOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", null, cancellationToken);
        return new SqliteUnitOfWork(session, end);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException("This unit of work has already been committed.");
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Once COMMIT starts it must finish; with synchronous=FULL it returns after the WAL is fsynced.
        await _session.ExecuteAsync("COMMIT", null, CancellationToken.None);
        _committed = true;
        if (!_session.IsReadOnly)
        {
            _session.Committed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_committed && !InAutocommit())
            {
                await _session.ExecuteAsync("ROLLBACK", null, CancellationToken.None);
            }
        }
        finally
        {
            await _end();
        }
    }

    // True when no transaction is open, e.g. SQLite already rolled it back after an I/O error.
    private bool InAutocommit() => SQLitePCL.raw.sqlite3_get_autocommit(_session.Connection.Handle) != 0;
}
