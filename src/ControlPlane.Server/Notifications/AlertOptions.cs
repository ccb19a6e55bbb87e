namespace ControlPlane.Server.Notifications;

/// <summary>The <c>Alerts</c> section: rules and where alerts go.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>The rules; none by default.</summary>
    public List<AlertRuleOptions> Rules { get; set; } = [];

    /// <summary>Where alerts are sent; when empty they go to every target in <c>Notifications:Defaults</c>.</summary>
    public string? Url { get; set; }

    /// <summary>An environment variable holding the alert URL, instead of <see cref="Url"/>.</summary>
    public string? UrlEnv { get; set; }

    /// <summary><c>json</c> (default) or <c>slack</c>, for <see cref="Url"/>.</summary>
    public string Format { get; set; } = "json";

    /// <summary>An environment variable holding the key alert bodies are signed with; none by default.</summary>
    public string? SecretEnv { get; set; }

    /// <summary>How often running runs are checked against DurationAboveMedian rules. Default 30s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many recent succeeded runs the median duration is taken over. Default 20.</summary>
    public int MedianSample { get; set; } = 20;
}
