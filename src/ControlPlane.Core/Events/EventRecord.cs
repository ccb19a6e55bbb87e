using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Events;

/// <summary>One row of the append-only event log.</summary>
/// <param name="Sequence">Strictly increasing across the whole store and never reused: a cursor to resume from.</param>
/// <param name="Entity">"run", "step", "attempt", "runner" or "workflow".</param>
/// <param name="Kind">The trigger for a transition (<c>offer_expired</c>), or e.g. <c>created</c>, <c>lease_granted</c>.</param>
public sealed record EventRecord(
    long Sequence,
    DateTimeOffset At,
    string Entity,
    string Kind,
    RunId? RunId,
    StepId? StepId,
    AttemptId? AttemptId,
    RunnerId? RunnerId,
    string? FromState,
    string? ToState,
    string? DataJson);
