using System.Globalization;

namespace ControlPlane.Core.Notifications;

/// <summary>The store's id of one queued notification (one event to one endpoint).</summary>
public readonly record struct NotificationDeliveryId(long Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
