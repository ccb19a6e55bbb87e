using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Attempts;

/// <summary>An attempt as stored.</summary>
/// <param name="Number">1 for the step's first attempt; per step, never reused.</param>
/// <param name="LeaseExpiresAt">Null once the attempt is terminal.</param>
/// <param name="ProcessRef">The pid or container id the runner recorded before starting the work.</param>
public sealed record AttemptRecord(
    AttemptId Id,
    StepId StepId,
    RunId RunId,
    int Number,
    RunnerId RunnerId,
    AttemptState State,
    long LeaseEpoch,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset OfferedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Outcome,
    FailureClass? FailureClass,
    string? ProcessRef,
    LogStatus Log);
