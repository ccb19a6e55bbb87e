using ControlPlane.Core.Triggers;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Triggers;

/// <summary>A <c>schedules</c> row as SQLite returns it.</summary>
internal sealed class ScheduleRow
{
    public long WorkflowId { get; set; }

    public long ScheduleIndex { get; set; }

    public string Cron { get; set; } = "";

    public string TimeZone { get; set; } = "";

    public long? NextFireAt { get; set; }

    public long? LastFiredAt { get; set; }

    public ScheduleRecord ToRecord() => new(
        new WorkflowId(WorkflowId),
        (int)ScheduleIndex,
        Cron,
        TimeZone,
        UnixMs.ToTime(NextFireAt),
        UnixMs.ToTime(LastFiredAt));
}
