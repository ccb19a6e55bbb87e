namespace ControlPlane.Core.Retries;

/// <summary>The failure classes a <see cref="RetryPolicy"/> retries (its <c>retry_on</c> list).</summary>
[Flags]
public enum RetryableFailures
{
    None = 0,
    ExitCode = 1,
    Timeout = 2,
    RunnerLost = 4,
    Error = 8,
    All = ExitCode | Timeout | RunnerLost | Error,
}
