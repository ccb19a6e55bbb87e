using ControlPlane.Core.Runners;
using ControlPlane.Core.StateMachines;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Runners;

/// <summary>A <c>runners</c> row as SQLite returns it, without the token hash (never read back).</summary>
internal sealed class RunnerRow
{
    public const string Columns = "id, name, labels_json, capacity, state, draining, last_heartbeat_at, registered_at";

    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string LabelsJson { get; set; } = "[]";

    public long Capacity { get; set; }

    public string State { get; set; } = "";

    public bool Draining { get; set; }

    public long? LastHeartbeatAt { get; set; }

    public long RegisteredAt { get; set; }

    public RunnerRecord ToRecord() => new(
        new RunnerId(Id),
        Name,
        JsonList.Read(LabelsJson),
        (int)Capacity,
        EnumText.Parse<RunnerState>(State),
        Draining,
        UnixMs.ToTime(LastHeartbeatAt),
        UnixMs.ToTime(RegisteredAt));
}
