using ControlPlane.Core.Definitions;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Runs;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Notifications;

/// <summary>The notification tables: cursor, deliveries (the outbox), attempts and alert firings.</summary>
internal sealed class NotificationRepository : INotificationRepository
{
    private const string Entity = "notification delivery";

    private readonly StoreSession _session;

    public NotificationRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<long> GetCursorAsync(CancellationToken cancellationToken) =>
        await _session.ScalarAsync<long>("SELECT sequence FROM notification_cursor WHERE id = 1", null, cancellationToken);

    public async Task SetCursorAsync(long sequence, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(SetCursorAsync));
        await _session.ExecuteAsync("UPDATE notification_cursor SET sequence = max(sequence, @sequence) WHERE id = 1", new { sequence }, cancellationToken);
    }

    public async Task<NotificationDeliveryRecord> EnqueueAsync(NewNotificationDelivery delivery, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(EnqueueAsync));
        var target = delivery.Target;
        var row = await _session.SingleOrDefaultAsync<NotificationDeliveryRow>(
            """
            INSERT INTO notification_deliveries (event, event_sequence, run_id, url, url_env, secret_env, on_events, format, body, state, next_attempt_at, created_at)
            VALUES (@Event, @EventSequence, @RunId, @Url, @UrlEnv, @SecretEnv, @OnEvents, @Format, @Body, 'pending', @DueAt, @Now)
            RETURNING *
            """,
            new
            {
                delivery.Event,
                delivery.EventSequence,
                RunId = delivery.RunId?.Value,
                target.Url,
                target.UrlEnv,
                target.SecretEnv,
                OnEvents = JsonList.Write(NotifyEventNames.ToWords(target.On)),
                Format = EnumText.ToText(target.Format),
                delivery.Body,
                DueAt = UnixMs.From(delivery.DueAt),
                Now = _session.NowMs(),
            },
            cancellationToken);
        return row!.ToRecord();
    }

    public async Task<IReadOnlyList<NotificationDeliveryRecord>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Records(await _session.ListAsync<NotificationDeliveryRow>(
            "SELECT * FROM notification_deliveries WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit",
            new { now = UnixMs.From(now), limit },
            cancellationToken));

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken) =>
        UnixMs.ToTime(await _session.ScalarAsync<long?>("SELECT min(next_attempt_at) FROM notification_deliveries WHERE state = 'pending'", null, cancellationToken));

    public async Task RecordAttemptAsync(NotificationAttemptResult result, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RecordAttemptAsync));
        var attempt = result.Attempt;
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var updated = await _session.ExecuteAsync(
            """
            UPDATE notification_deliveries
            SET state = @State, attempts = @Number, next_attempt_at = coalesce(@RetryAt, next_attempt_at),
                finished_at = CASE WHEN @State = 'pending' THEN NULL ELSE @At END, last_error = @Error
            WHERE id = @Id
            """,
            new
            {
                Id = attempt.DeliveryId.Value,
                State = EnumText.ToText(result.NextState),
                attempt.Number,
                RetryAt = UnixMs.From(result.RetryAt),
                At = UnixMs.From(attempt.At),
                attempt.Error,
            },
            cancellationToken);
        if (updated == 0)
        {
            throw new EntityNotFoundException(Entity, attempt.DeliveryId.ToString());
        }

        await _session.ExecuteAsync(
            "INSERT INTO notification_attempts (delivery_id, number, at, status_code, error, duration_ms) VALUES (@Id, @Number, @At, @StatusCode, @Error, @DurationMs)",
            new
            {
                Id = attempt.DeliveryId.Value,
                attempt.Number,
                At = UnixMs.From(attempt.At),
                attempt.StatusCode,
                attempt.Error,
                DurationMs = (long)attempt.Duration.TotalMilliseconds,
            },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
    }

    public async Task DeferAsync(NotificationDeliveryId id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(DeferAsync));
        await _session.ExecuteAsync(
            "UPDATE notification_deliveries SET next_attempt_at = @until WHERE id = @id AND state = 'pending'",
            new { id = id.Value, until = UnixMs.From(until) },
            cancellationToken);
    }

    public async Task<IReadOnlyList<NotificationDeliveryRecord>> ListAsync(NotificationDeliveryQuery query, CancellationToken cancellationToken) =>
        Records(await _session.ListAsync<NotificationDeliveryRow>(
            """
            SELECT * FROM notification_deliveries
            WHERE (@RunId IS NULL OR run_id = @RunId) AND (@State IS NULL OR state = @State) AND (@BeforeId IS NULL OR id < @BeforeId)
            ORDER BY id DESC LIMIT @Limit
            """,
            new
            {
                RunId = query.RunId?.Value,
                State = query.State is { } state ? EnumText.ToText(state) : null,
                BeforeId = query.BeforeId?.Value,
                query.Limit,
            },
            cancellationToken));

    public async Task<IReadOnlyList<NotificationAttemptRecord>> ListAttemptsAsync(IReadOnlyList<NotificationDeliveryId> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await _session.ListAsync<NotificationAttemptRow>(
            "SELECT * FROM notification_attempts WHERE delivery_id IN @ids ORDER BY delivery_id, number",
            new { ids = ids.Select(i => i.Value).ToArray() },
            cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<bool> TryFireAlertAsync(string rule, string subject, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(TryFireAlertAsync));
        // One statement decides and records: a firing older than the window is replaced, a recent one stays.
        var changed = await _session.ExecuteAsync(
            """
            INSERT INTO alert_firings (rule, subject, last_fired_at) VALUES (@rule, @subject, @now)
            ON CONFLICT (rule, subject) DO UPDATE SET last_fired_at = excluded.last_fired_at
            WHERE alert_firings.last_fired_at <= @windowStart
            """,
            new { rule, subject, now = UnixMs.From(now), windowStart = UnixMs.From(now - window) },
            cancellationToken);
        return changed > 0;
    }

    public async Task<WorkflowRunStats> RunStatsAsync(WorkflowId workflow, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var counts = await _session.ListAsync<(string State, long Count)>(
            "SELECT state, count(*) FROM runs WHERE workflow_id = @workflow AND finished_at BETWEEN @since AND @until GROUP BY state",
            new { workflow = workflow.Value, since = UnixMs.From(since), until = UnixMs.From(until) },
            cancellationToken);
        int Count(string state) => (int)counts.Where(c => c.State == state).Sum(c => c.Count);
        return new WorkflowRunStats(Count("succeeded"), Count("failed"), Count("cancelled"));
    }

    public async Task<IReadOnlyList<TimeSpan>> RecentSucceededDurationsAsync(WorkflowId workflow, int limit, CancellationToken cancellationToken)
    {
        var durations = await _session.ListAsync<long>(
            """
            SELECT finished_at - started_at FROM runs
            WHERE workflow_id = @workflow AND state = 'succeeded' AND started_at IS NOT NULL AND finished_at IS NOT NULL
            ORDER BY finished_at DESC LIMIT @limit
            """,
            new { workflow = workflow.Value, limit },
            cancellationToken);
        return [.. durations.Select(ms => TimeSpan.FromMilliseconds(ms))];
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunningStartedBeforeAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var rows = await _session.ListAsync<RunRow>(
            "SELECT * FROM runs WHERE state = 'running' AND started_at <= @startedBefore ORDER BY id",
            new { startedBefore = UnixMs.From(startedBefore) },
            cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    private static IReadOnlyList<NotificationDeliveryRecord> Records(IReadOnlyList<NotificationDeliveryRow> rows) => [.. rows.Select(r => r.ToRecord())];
}
