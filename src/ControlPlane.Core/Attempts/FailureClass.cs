namespace ControlPlane.Core.Attempts;

/// <summary>Why an attempt failed, as far as the retry policy cares.</summary>
public enum FailureClass
{
    /// <summary>The work ran and exited non-zero.</summary>
    ExitCode,

    /// <summary>The work exceeded the step's timeout and was stopped.</summary>
    Timeout,

    /// <summary>The runner stopped heartbeating (crash, partition, reboot); the lease was revoked.</summary>
    RunnerLost,

    /// <summary>The runner could not set the work up (image pull, bad workspace, executor error).</summary>
    Error,
}
