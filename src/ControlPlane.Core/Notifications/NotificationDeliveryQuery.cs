using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Notifications;

/// <summary>A page of deliveries, newest first, with optional filters.</summary>
/// <param name="BeforeId">Only deliveries with a smaller id: where the previous page ended.</param>
public sealed record NotificationDeliveryQuery(int Limit, RunId? RunId = null, DeliveryState? State = null, NotificationDeliveryId? BeforeId = null);
