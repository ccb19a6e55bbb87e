namespace ControlPlane.Core.Definitions;

/// <summary>Which failures of an attempt are worth another attempt (the <c>retry.on</c> list).</summary>
[Flags]
public enum RetryConditions
{
    None = 0,

    /// <summary>The action exited non-zero (optionally only with one of <see cref="RetrySettings.ExitCodes"/>).</summary>
    ExitCode = 1,

    /// <summary>The attempt exceeded the step timeout.</summary>
    Timeout = 2,

    /// <summary>The runner stopped heartbeating and its lease expired.</summary>
    RunnerLost = 4,

    /// <summary>The action could not be started or failed for a reason other than its exit code (image pull, DNS, connection refused).</summary>
    Error = 8,

    All = ExitCode | Timeout | RunnerLost | Error,
}
