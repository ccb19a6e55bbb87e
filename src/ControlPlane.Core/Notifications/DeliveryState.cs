namespace ControlPlane.Core.Notifications;

/// <summary>Where a notification delivery stands.</summary>
public enum DeliveryState
{
    /// <summary>Not delivered yet; tried again at its next attempt time.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; it is kept for inspection and never tried again.</summary>
    Dead,
}
