namespace ControlPlane.Server.Notifications;

/// <summary>What an alert rule watches.</summary>
public enum AlertKind
{
    /// <summary>A run of the workflow failed.</summary>
    RunFailed,

    /// <summary>The workflow's success rate over the window fell under the threshold (with at least MinRuns decided runs).</summary>
    SuccessRateBelow,

    /// <summary>A running run has taken longer than Multiple times the median of the workflow's recent succeeded runs.</summary>
    DurationAboveMedian,
}
