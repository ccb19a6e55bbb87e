namespace ControlPlane.Server.Retention;

/// <summary>The <c>Retention</c> section: how much history the server keeps. Both limits are off by default.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Finished runs (succeeded, failed, cancelled) that finished longer ago than this are deleted with their steps,
    /// attempts, logs, events and idempotency keys; runner events older than this go too. Unset (the default) keeps
    /// history forever: deleting it is the operator's decision, e.g. <c>30d</c>.
    /// </summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>
    /// A cap on the bytes of all stored logs: above it, the logs of the oldest finished runs are removed (their run
    /// records stay) until the total is under it. Unset (the default) means no cap.
    /// </summary>
    public long? MaxLogBytes { get; set; }

    /// <summary>How often the retention job runs; default 5 minutes. It also runs once at start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs deleted (or logs removed) per transaction; default 100. Smaller batches hold the write lock for less time.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>True when there is anything to enforce.</summary>
    public bool Enabled => MaxAge is not null || MaxLogBytes is not null;
}
