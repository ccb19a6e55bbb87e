using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Workflows;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Runs;

/// <summary>A <c>runs</c> row as SQLite returns it (joined with its idempotency key where the query selects one).</summary>
internal sealed class RunRow
{
    public long Id { get; set; }

    public long WorkflowId { get; set; }

    public long RevisionId { get; set; }

    public string State { get; set; } = "";

    public string InputsJson { get; set; } = "";

    public string? IdempotencyKey { get; set; }

    public string? ConcurrencyKey { get; set; }

    public long Priority { get; set; }

    public long RunAttempt { get; set; }

    public long? TimeoutMs { get; set; }

    public long? DeadlineAt { get; set; }

    public long CreatedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public string Trigger { get; set; } = "manual";

    public string? EventJson { get; set; }

    public RunRecord ToRecord() => new(
        new RunId(Id),
        new WorkflowId(WorkflowId),
        new WorkflowRevisionId(RevisionId),
        EnumText.Parse<RunState>(State),
        InputsJson,
        IdempotencyKey,
        ConcurrencyKey,
        (int)Priority,
        (int)RunAttempt,
        TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        UnixMs.ToTime(DeadlineAt),
        UnixMs.ToTime(CreatedAt),
        UnixMs.ToTime(StartedAt),
        UnixMs.ToTime(FinishedAt))
    {
        Origin = EnumText.Parse<RunOrigin>(Trigger),
        EventJson = EventJson,
    };
}
