using System.Text;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Events;
using ControlPlane.Store.IdempotencyKeys;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Runs;

/// <summary>The <c>runs</c> table.</summary>
internal sealed class RunRepository : IRunRepository
{
    private const string Entity = "run";

    private readonly StoreSession _session;
    private readonly EventLog _events;
    private readonly IdempotencyKeyRepository _keys;

    public RunRepository(StoreSession session, EventLog events)
    {
        _session = session;
        _events = events;
        _keys = new IdempotencyKeyRepository(session);
    }

    public async Task<RunRecord> CreateAsync(NewRun run, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(CreateAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var row = await _session.SingleOrDefaultAsync<RunRow>(
            """
            INSERT INTO runs (workflow_id, revision_id, state, inputs_json, idempotency_key, concurrency_key, priority, run_attempt, timeout_ms, created_at, trigger, event_json)
            VALUES (@WorkflowId, @RevisionId, 'queued', @InputsJson, @IdempotencyKey, @ConcurrencyKey, @Priority, 1, @TimeoutMs, @Now, @Trigger, @EventJson)
            RETURNING *
            """,
            new
            {
                WorkflowId = run.WorkflowId.Value,
                RevisionId = run.RevisionId.Value,
                run.InputsJson,
                run.IdempotencyKey,
                run.ConcurrencyKey,
                run.Priority,
                TimeoutMs = run.Timeout is { } timeout ? (long?)timeout.TotalMilliseconds : null,
                Now = _session.NowMs(),
                Trigger = EnumText.ToText(run.Origin),
                run.EventJson,
            },
            cancellationToken);
        var record = row!.ToRecord();

        if (run.IdempotencyKey is { } key && await _keys.TryClaimAsync(key, record.Id, cancellationToken) is { } holder)
        {
            throw new DuplicateIdempotencyKeyException(key, holder);
        }

        await _events.WriteAsync(EventEntry.Created(Entity, RunState.Queued) with { RunId = row.Id }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return record;
    }

    public async Task<RunRecord?> FindAsync(RunId id, CancellationToken cancellationToken) =>
        (await FindRowAsync(id.Value, cancellationToken))?.ToRecord();

    public async Task<RunRecord> GetAsync(RunId id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());

    public async Task<RunRecord?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<RunRow>(
            "SELECT r.* FROM idempotency_keys k JOIN runs r ON r.id = k.run_id WHERE k.key = @key",
            new { key },
            cancellationToken))?.ToRecord();

    public async Task<RunRecord> TransitionAsync(RunId id, RunTrigger trigger, RunState expectedFrom, string? eventDataJson, CancellationToken cancellationToken)
    {
        var to = RunStateMachine.Next(expectedFrom, trigger);
        _session.EnsureWritable(nameof(TransitionAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        var expected = EnumText.ToText(expectedFrom);
        if (current.State != expected)
        {
            throw new StateConflictException(Entity, id.ToString(), expected, current.State);
        }

        var now = _session.NowMs();
        var starting = to == RunState.Running;
        var updated = await _session.SingleOrDefaultAsync<RunRow>(
            """
            UPDATE runs SET state = @To, run_attempt = @RunAttempt, started_at = @StartedAt, deadline_at = @DeadlineAt, finished_at = @FinishedAt
            WHERE id = @Id AND state = @Expected
            RETURNING *
            """,
            new
            {
                Id = id.Value,
                Expected = expected,
                To = EnumText.ToText(to),
                RunAttempt = trigger == RunTrigger.Retry ? current.RunAttempt + 1 : current.RunAttempt,
                StartedAt = starting ? now : current.StartedAt,
                // A retried run waits in the queue again; its deadline is set anew when it starts.
                DeadlineAt = starting ? now + current.TimeoutMs : to == RunState.Queued ? null : current.DeadlineAt,
                FinishedAt = RunStateMachine.IsTerminal(to) ? now : (long?)null,
            },
            cancellationToken) ?? throw new StateConflictException(Entity, id.ToString(), expected, "changed concurrently");

        await _events.WriteAsync(EventEntry.Transition(Entity, trigger, expectedFrom, to) with { RunId = id.Value, DataJson = eventDataJson }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return updated.ToRecord();
    }

    public Task<IReadOnlyList<RunRecord>> ListActiveAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT * FROM runs WHERE state IN ('queued', 'running', 'cancelling') ORDER BY id", null, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListAsync(RunListQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT * FROM runs WHERE 1 = 1");
        if (query.Workflow is not null)
        {
            sql.Append(" AND workflow_id = @WorkflowId");
        }

        if (query.States is { Count: > 0 })
        {
            sql.Append(" AND state IN @States");
        }

        if (query.CreatedAtOrAfter is not null)
        {
            sql.Append(" AND created_at >= @After");
        }

        if (query.CreatedBefore is not null)
        {
            sql.Append(" AND created_at < @Before");
        }

        if (query.BeforeId is not null)
        {
            sql.Append(" AND id < @BeforeId");
        }

        sql.Append(" ORDER BY id DESC LIMIT @Limit");
        var parameters = new
        {
            WorkflowId = query.Workflow?.Value,
            States = query.States?.Select(s => EnumText.ToText(s)).ToArray(),
            After = UnixMs.From(query.CreatedAtOrAfter),
            Before = UnixMs.From(query.CreatedBefore),
            BeforeId = query.BeforeId?.Value,
            query.Limit,
        };
        return ListAsync(sql.ToString(), parameters, cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> ListQueuedAsync(int limit, CancellationToken cancellationToken) =>
        ListAsync("SELECT * FROM runs WHERE state = 'queued' ORDER BY priority DESC, created_at, id LIMIT @limit", new { limit }, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListPastDeadlineAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync("SELECT * FROM runs WHERE state = 'running' AND deadline_at <= @now ORDER BY deadline_at, id", new { now = UnixMs.From(now) }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> CountActiveByConcurrencyKeyAsync(CancellationToken cancellationToken)
    {
        var counts = await _session.ListAsync<(string Key, long Count)>(
            "SELECT concurrency_key, COUNT(*) FROM runs WHERE concurrency_key IS NOT NULL AND state IN ('running', 'cancelling') GROUP BY concurrency_key",
            null,
            cancellationToken);
        return counts.ToDictionary(c => c.Key, c => (int)c.Count);
    }

    private Task<RunRow?> FindRowAsync(long id, CancellationToken cancellationToken) =>
        _session.SingleOrDefaultAsync<RunRow>("SELECT * FROM runs WHERE id = @id", new { id }, cancellationToken);

    private async Task<IReadOnlyList<RunRecord>> ListAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<RunRow>(sql, parameters, cancellationToken)).Select(r => r.ToRecord())];
}
