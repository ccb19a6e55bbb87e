namespace ControlPlane.Server.Notifications;

/// <summary>The <c>Notifications</c> section: server-wide targets, the feed and delivery loops, retries and the breaker.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Targets every workflow's runs are sent to, besides the workflow's own <c>notify:</c>. None by default.</summary>
    public List<NotifyTargetOptions> Defaults { get; set; } = [];

    /// <summary>How often the feeder looks for new events and the delivery loop for due deliveries. Default 1s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events the feeder turns into deliveries per transaction. Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long one POST may take, response included. Default 10s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is given up as dead. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles each attempt, with jitter. Default 2s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts. Default 5m.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The share of failed attempts to one endpoint within <see cref="BreakerSamplingDuration"/> that opens its circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts to an endpoint within the sampling duration before its circuit may open. Default 5 (at least 2).</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>The window the failure ratio is measured over. Default 30s (at least 0.5s).</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit stays open before one probe is let through. Default 30s (at least 0.5s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
