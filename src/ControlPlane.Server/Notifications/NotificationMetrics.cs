using System.Diagnostics.Metrics;

namespace ControlPlane.Server.Notifications;

/// <summary>Counters of the <c>ControlPlane.Server.Notifications</c> meter, exported with every ControlPlane meter.</summary>
public sealed class NotificationMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ControlPlane.Server.Notifications";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _dead;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>("controlplane_notification_failures", description: "Failed notification attempts (HTTP error, refused or timed out)");
        _delivered = meter.CreateCounter<long>("controlplane_notification_deliveries", description: "Notifications delivered");
        _dead = meter.CreateCounter<long>("controlplane_notification_dead", description: "Notifications given up after their last attempt");
    }

    public void Failed(string notificationEvent) => _failures.Add(1, new KeyValuePair<string, object?>("event", notificationEvent));

    public void Delivered(string notificationEvent) => _delivered.Add(1, new KeyValuePair<string, object?>("event", notificationEvent));

    public void GaveUp(string notificationEvent) => _dead.Add(1, new KeyValuePair<string, object?>("event", notificationEvent));
}
