using ControlPlane.Core.Triggers;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Triggers;

/// <summary>The <c>schedules</c> table.</summary>
internal sealed class ScheduleRepository : IScheduleRepository
{
    private readonly StoreSession _session;

    public ScheduleRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<ScheduleRow>("SELECT * FROM schedules ORDER BY workflow_id, schedule_index", null, cancellationToken)).Select(r => r.ToRecord())];

    public async Task<IReadOnlyList<ScheduleRecord>> ListByWorkflowAsync(WorkflowId workflowId, CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<ScheduleRow>(
            "SELECT * FROM schedules WHERE workflow_id = @id ORDER BY schedule_index",
            new { id = workflowId.Value },
            cancellationToken)).Select(r => r.ToRecord())];

    public async Task SaveAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(SaveAsync));
        await _session.ExecuteAsync(
            """
            INSERT INTO schedules (workflow_id, schedule_index, cron, time_zone, next_fire_at, last_fired_at)
            VALUES (@WorkflowId, @Index, @Cron, @TimeZone, @NextFireAt, @LastFiredAt)
            ON CONFLICT (workflow_id, schedule_index) DO UPDATE SET
                cron = excluded.cron, time_zone = excluded.time_zone,
                next_fire_at = excluded.next_fire_at, last_fired_at = excluded.last_fired_at
            """,
            new
            {
                WorkflowId = schedule.WorkflowId.Value,
                schedule.Index,
                schedule.Cron,
                schedule.TimeZone,
                NextFireAt = UnixMs.From(schedule.NextFireAt),
                LastFiredAt = UnixMs.From(schedule.LastFiredAt),
            },
            cancellationToken);
    }

    public async Task RemoveFromAsync(WorkflowId workflowId, int fromIndex, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RemoveFromAsync));
        await _session.ExecuteAsync(
            "DELETE FROM schedules WHERE workflow_id = @id AND schedule_index >= @fromIndex",
            new { id = workflowId.Value, fromIndex },
            cancellationToken);
    }

    public async Task<bool> AdvanceAsync(
        WorkflowId workflowId,
        int index,
        DateTimeOffset expectedNextFireAt,
        DateTimeOffset firedAt,
        DateTimeOffset? nextFireAt,
        CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(AdvanceAsync));
        var changed = await _session.ExecuteAsync(
            """
            UPDATE schedules SET last_fired_at = @FiredAt, next_fire_at = @NextFireAt
            WHERE workflow_id = @WorkflowId AND schedule_index = @Index AND next_fire_at = @Expected
            """,
            new
            {
                WorkflowId = workflowId.Value,
                Index = index,
                Expected = UnixMs.From(expectedNextFireAt),
                FiredAt = UnixMs.From(firedAt),
                NextFireAt = UnixMs.From(nextFireAt),
            },
            cancellationToken);
        return changed == 1;
    }
}
