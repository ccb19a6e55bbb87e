using ControlPlane.Core.Attempts;

namespace ControlPlane.Core.Retries;

/// <summary>The facts about a failed attempt that a <see cref="Planning.RetryPolicy"/> decides on.</summary>
/// <param name="AttemptNumber">The failed attempt's number among the tries at the work, 1 for the first (see <see cref="Scheduling.AttemptHistory"/>).</param>
/// <param name="Class">Why it failed.</param>
/// <param name="ExitCode">The exit code, for <see cref="FailureClass.ExitCode"/>.</param>
/// <param name="PriorRunnerLosses">How many earlier attempts of the same step ended with a lost runner.</param>
public sealed record AttemptFailure(int AttemptNumber, FailureClass Class, int? ExitCode = null, int PriorRunnerLosses = 0);
