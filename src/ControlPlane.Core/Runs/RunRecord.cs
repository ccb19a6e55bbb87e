using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Runs;

/// <summary>A run as stored.</summary>
/// <param name="RunAttempt">1 for the first execution; each RetryRun adds one.</param>
/// <param name="DeadlineAt">The current run attempt's start time plus <paramref name="Timeout"/>; null while queued (also after a retry) or without a timeout.</param>
public sealed record RunRecord(
    RunId Id,
    WorkflowId WorkflowId,
    WorkflowRevisionId RevisionId,
    RunState State,
    string InputsJson,
    string? IdempotencyKey,
    string? ConcurrencyKey,
    int Priority,
    int RunAttempt,
    TimeSpan? Timeout,
    DateTimeOffset? DeadlineAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>What started the run.</summary>
    public RunOrigin Origin { get; init; } = RunOrigin.Manual;

    /// <summary>The webhook payload (a JSON object) the run was started with; null for runs without one.</summary>
    public string? EventJson { get; init; }
}
