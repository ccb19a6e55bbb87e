using ControlPlane.Core.Attempts;
using ControlPlane.Core.Events;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Events;

/// <summary>An <c>events</c> row as SQLite returns it.</summary>
internal sealed class EventRow
{
    public long Sequence { get; set; }

    public long At { get; set; }

    public string Entity { get; set; } = "";

    public string Kind { get; set; } = "";

    public long? RunId { get; set; }

    public long? StepId { get; set; }

    public long? AttemptId { get; set; }

    public long? RunnerId { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    public string? DataJson { get; set; }

    public EventRecord ToRecord() => new(
        Sequence,
        UnixMs.ToTime(At),
        Entity,
        Kind,
        RunId is { } run ? new RunId(run) : null,
        StepId is { } step ? new StepId(step) : null,
        AttemptId is { } attempt ? new AttemptId(attempt) : null,
        RunnerId is { } runner ? new RunnerId(runner) : null,
        FromState,
        ToState,
        DataJson);
}
