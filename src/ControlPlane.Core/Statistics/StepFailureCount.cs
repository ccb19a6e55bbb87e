namespace ControlPlane.Core.Statistics;

/// <summary>Failures of one step key across runs.</summary>
/// <param name="StepKey">The step's key in its runs, e.g. <c>test (linux)</c>.</param>
/// <param name="FailedSteps">Runs in which the step ended failed.</param>
/// <param name="FailedAttempts">Attempts that failed, retried ones included.</param>
public sealed record StepFailureCount(string StepKey, long FailedSteps, long FailedAttempts);
