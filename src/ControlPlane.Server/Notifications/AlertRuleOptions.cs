namespace ControlPlane.Server.Notifications;

/// <summary>One entry of <c>Alerts:Rules</c>. Each rule fires at most once per workflow per <see cref="Window"/>.</summary>
public sealed class AlertRuleOptions
{
    /// <summary>Names the rule in payloads and in the store's firing record; required and unique.</summary>
    public string Name { get; set; } = "";

    public AlertKind Kind { get; set; }

    /// <summary>Only this workflow; every workflow when empty.</summary>
    public string? Workflow { get; set; }

    /// <summary>SuccessRateBelow: the rate (0 to 1) under which it fires. Default 0.8.</summary>
    public double Threshold { get; set; } = 0.8;

    /// <summary>The period success rates are measured over, and the least time between two firings. Default 1h.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>SuccessRateBelow: decided runs needed in the window; DurationAboveMedian: succeeded runs the median needs. Default 5.</summary>
    public int MinRuns { get; set; } = 5;

    /// <summary>DurationAboveMedian: how many times the median a run may take. Default 3.</summary>
    public double Multiple { get; set; } = 3;
}
