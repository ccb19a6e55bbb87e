namespace ControlPlane.Agent.Executors;

/// <summary>Why a step attempt did not succeed, for retry policies and reports.</summary>
public enum FailureClass
{
    /// <summary>It succeeded.</summary>
    None,

    /// <summary>The script ran and exited non-zero (or was killed by a signal it did not get from us).</summary>
    ExitCode,

    /// <summary>The step ran longer than its timeout and was stopped.</summary>
    Timeout,

    /// <summary>The step could not be run or observed: workspace, shell, start failure, or output that could not be kept.</summary>
    Error,

    /// <summary>The step was cancelled and stopped.</summary>
    Cancelled,
}
