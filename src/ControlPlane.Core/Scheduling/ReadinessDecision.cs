using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>A pending step's verdict, with the reason recorded as its outcome when it is skipped or failed.</summary>
public sealed record ReadinessDecision(StepId StepId, string Key, ReadinessVerdict Verdict, string? Reason = null);
