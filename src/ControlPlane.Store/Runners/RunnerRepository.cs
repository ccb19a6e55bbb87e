using ControlPlane.Core.Runners;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Events;
using ControlPlane.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Runners;

/// <summary>The <c>runners</c> table.</summary>
internal sealed class RunnerRepository : IRunnerRepository
{
    private const string Entity = "runner";

    private readonly StoreSession _session;
    private readonly EventLog _events;

    public RunnerRepository(StoreSession session, EventLog events)
    {
        _session = session;
        _events = events;
    }

    public async Task<RunnerRecord> RegisterAsync(NewRunner runner, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RegisterAsync));
        ArgumentOutOfRangeException.ThrowIfNegative(runner.Capacity);
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        RunnerRow row;
        try
        {
            row = (await _session.SingleOrDefaultAsync<RunnerRow>(
                $"""
                INSERT INTO runners (name, token_hash, labels_json, capacity, state, registered_at)
                VALUES (@Name, @TokenHash, @LabelsJson, @Capacity, 'offline', @Now)
                RETURNING {RunnerRow.Columns}
                """,
                new { runner.Name, runner.TokenHash, LabelsJson = JsonList.Write(runner.Labels), runner.Capacity, Now = _session.NowMs() },
                cancellationToken))!;
        }
        catch (StoreFailureException error) when (error.InnerException is SqliteException sqlite && SqliteErrors.IsUniqueViolation(sqlite) && sqlite.Message.Contains("runners.name", StringComparison.Ordinal))
        {
            throw new DuplicateRunnerNameException(runner.Name);
        }

        await _events.WriteAsync(EventEntry.Created(Entity, RunnerState.Offline) with { RunnerId = row.Id }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return row.ToRecord();
    }

    public async Task<RunnerRecord?> FindAsync(RunnerId id, CancellationToken cancellationToken) =>
        (await FindRowAsync(id.Value, cancellationToken))?.ToRecord();

    public async Task<RunnerRecord> GetAsync(RunnerId id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());

    public async Task<RunnerRecord?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<RunnerRow>($"SELECT {RunnerRow.Columns} FROM runners WHERE name = @name", new { name }, cancellationToken))?.ToRecord();

    public async Task<RunnerRecord?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<RunnerRow>($"SELECT {RunnerRow.Columns} FROM runners WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<RunnerRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<RunnerRow>($"SELECT {RunnerRow.Columns} FROM runners WHERE removed_at IS NULL ORDER BY name", null, cancellationToken)).Select(r => r.ToRecord())];

    public async Task RecordHeartbeatAsync(RunnerId id, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RecordHeartbeatAsync));
        var changed = await _session.ExecuteAsync("UPDATE runners SET last_heartbeat_at = @now WHERE id = @id", new { id = id.Value, now = _session.NowMs() }, cancellationToken);
        if (changed == 0)
        {
            throw new EntityNotFoundException(Entity, id.ToString());
        }
    }

    public async Task<RunnerRecord> UpdateProfileAsync(RunnerId id, IReadOnlyList<string> labels, int capacity, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(UpdateProfileAsync));
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        var labelsJson = JsonList.Write(labels);
        if (current.LabelsJson == labelsJson && current.Capacity == capacity)
        {
            return current.ToRecord();
        }

        await _session.ExecuteAsync("UPDATE runners SET labels_json = @labelsJson, capacity = @capacity WHERE id = @id", new { id = id.Value, labelsJson, capacity }, cancellationToken);
        await _events.WriteAsync(new EventEntry(Entity, "profile_changed") { RunnerId = id.Value }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        current.LabelsJson = labelsJson;
        current.Capacity = capacity;
        return current.ToRecord();
    }

    public async Task<RunnerRecord> SetDrainingAsync(RunnerId id, bool draining, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(SetDrainingAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        if (current.Draining == draining)
        {
            return current.ToRecord();
        }

        await _session.ExecuteAsync("UPDATE runners SET draining = @draining WHERE id = @id", new { id = id.Value, draining }, cancellationToken);
        await _events.WriteAsync(new EventEntry(Entity, draining ? "drain_started" : "drain_stopped") { RunnerId = id.Value }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        current.Draining = draining;
        return current.ToRecord();
    }

    public async Task<RunnerRecord> TransitionAsync(RunnerId id, RunnerTrigger trigger, RunnerState expectedFrom, CancellationToken cancellationToken)
    {
        var to = RunnerStateMachine.Next(expectedFrom, trigger);
        _session.EnsureWritable(nameof(TransitionAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        var expected = EnumText.ToText(expectedFrom);
        if (current.State != expected)
        {
            throw new StateConflictException(Entity, id.ToString(), expected, current.State);
        }

        // Connecting counts as a heartbeat, so a runner is never overdue the moment it comes online.
        var updated = await _session.SingleOrDefaultAsync<RunnerRow>(
            $"""
            UPDATE runners SET state = @To, last_heartbeat_at = CASE WHEN @Connect THEN @Now ELSE last_heartbeat_at END
            WHERE id = @Id AND state = @Expected
            RETURNING {RunnerRow.Columns}
            """,
            new { Id = id.Value, Expected = expected, To = EnumText.ToText(to), Connect = trigger == RunnerTrigger.Connect, Now = _session.NowMs() },
            cancellationToken) ?? throw new StateConflictException(Entity, id.ToString(), expected, "changed concurrently");

        await _events.WriteAsync(EventEntry.Transition(Entity, trigger, expectedFrom, to) with { RunnerId = id.Value }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return updated.ToRecord();
    }

    public async Task RemoveAsync(RunnerId id, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RemoveAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);

        // Random bytes instead of NULL (the column is NOT NULL): no token hashes to them, so the old token is dead.
        var changed = await _session.ExecuteAsync(
            "UPDATE runners SET removed_at = @now, token_hash = randomblob(32), name = name || ' (removed ' || id || ')' WHERE id = @id AND removed_at IS NULL",
            new { id = id.Value, now = _session.NowMs() },
            cancellationToken);
        if (changed == 0)
        {
            throw new EntityNotFoundException(Entity, id.ToString());
        }

        await _events.WriteAsync(new EventEntry(Entity, "removed") { RunnerId = id.Value }, cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunnerRecord>> ListHeartbeatOverdueAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<RunnerRow>(
            $"SELECT {RunnerRow.Columns} FROM runners WHERE state = 'online' AND last_heartbeat_at < @cutoff ORDER BY last_heartbeat_at",
            new { cutoff = UnixMs.From(cutoff) },
            cancellationToken)).Select(r => r.ToRecord())];

    private Task<RunnerRow?> FindRowAsync(long id, CancellationToken cancellationToken) =>
        _session.SingleOrDefaultAsync<RunnerRow>($"SELECT {RunnerRow.Columns} FROM runners WHERE id = @id", new { id }, cancellationToken);
}
