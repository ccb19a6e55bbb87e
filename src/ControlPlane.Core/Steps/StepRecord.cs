using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Steps;

/// <summary>A step as stored.</summary>
/// <param name="LeaseEpoch">The last lease epoch granted for any attempt of this step; epochs only grow.</param>
/// <param name="NotBefore">When waiting for retry: the earliest time the next attempt may be offered.</param>
/// <param name="PendingReason">Why the step is not running yet, for people (e.g. "no runner with label gpu").</param>
/// <param name="Outcome">The result as the scheduler summarized it; opaque to the store.</param>
/// <param name="ReadyAt">When it last became ready: the FIFO position in the queue.</param>
public sealed record StepRecord(
    StepId Id,
    RunId RunId,
    string Key,
    StepState State,
    IReadOnlyList<string> Needs,
    string SpecJson,
    string? MatrixGroup,
    long LeaseEpoch,
    DateTimeOffset? NotBefore,
    string? PendingReason,
    string? Outcome,
    int? ExitCode,
    string? OutputsJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
