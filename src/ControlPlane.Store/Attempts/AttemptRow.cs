using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Attempts;

/// <summary>An <c>attempts</c> row joined with its step's run id, as SQLite returns it.</summary>
internal sealed class AttemptRow
{
    /// <summary>Selects attempt rows in the shape of this class.</summary>
    public const string Select = "SELECT a.*, s.run_id FROM attempts a JOIN steps s ON s.id = a.step_id";

    public long Id { get; set; }

    public long StepId { get; set; }

    /// <summary>From the joined step; statements that return attempt rows without the join set it themselves.</summary>
    public long RunId { get; set; }

    public long Number { get; set; }

    public long RunnerId { get; set; }

    public string State { get; set; } = "";

    public long LeaseEpoch { get; set; }

    public long? LeaseExpiresAt { get; set; }

    public long OfferedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public long? ExitCode { get; set; }

    public string? Outcome { get; set; }

    public string? FailureClass { get; set; }

    public string? ProcessRef { get; set; }

    public long LogReceived { get; set; }

    public long? LogLength { get; set; }

    public string? LogChecksum { get; set; }

    public bool LogComplete { get; set; }

    public LogStatus LogStatus => new(LogReceived, LogLength, LogChecksum, LogComplete);

    public AttemptRecord ToRecord() => new(
        new AttemptId(Id),
        new StepId(StepId),
        new RunId(RunId),
        (int)Number,
        new RunnerId(RunnerId),
        EnumText.Parse<AttemptState>(State),
        LeaseEpoch,
        UnixMs.ToTime(LeaseExpiresAt),
        UnixMs.ToTime(OfferedAt),
        UnixMs.ToTime(StartedAt),
        UnixMs.ToTime(FinishedAt),
        (int?)ExitCode,
        Outcome,
        FailureClass is { } failure ? EnumText.Parse<FailureClass>(failure) : null,
        ProcessRef,
        LogStatus);
}
