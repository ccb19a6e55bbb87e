using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Steps;

/// <summary>A <c>steps</c> row as SQLite returns it.</summary>
internal class StepRow
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public string StepKey { get; set; } = "";

    public string State { get; set; } = "";

    public string NeedsJson { get; set; } = "[]";

    public string SpecJson { get; set; } = "";

    public string? MatrixGroup { get; set; }

    public long LeaseEpoch { get; set; }

    public long? NotBefore { get; set; }

    public string? PendingReason { get; set; }

    public string? Outcome { get; set; }

    public long? ExitCode { get; set; }

    public string? OutputsJson { get; set; }

    public long CreatedAt { get; set; }

    public long? ReadyAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public StepRecord ToRecord() => new(
        new StepId(Id),
        new RunId(RunId),
        StepKey,
        EnumText.Parse<StepState>(State),
        JsonList.Read(NeedsJson),
        SpecJson,
        MatrixGroup,
        LeaseEpoch,
        UnixMs.ToTime(NotBefore),
        PendingReason,
        Outcome,
        (int?)ExitCode,
        OutputsJson,
        UnixMs.ToTime(CreatedAt),
        UnixMs.ToTime(ReadyAt),
        UnixMs.ToTime(StartedAt),
        UnixMs.ToTime(FinishedAt));

    public StepRow Copy() => (StepRow)MemberwiseClone();
}
