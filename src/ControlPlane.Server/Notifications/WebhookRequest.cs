namespace ControlPlane.Server.Notifications;

/// <summary>One POST to make: where, what, and how to sign it.</summary>
/// <param name="Secret">The HMAC-SHA256 key; null to send unsigned.</param>
public sealed record WebhookRequest(Uri Url, string Body, string Event, long DeliveryId, byte[]? Secret);
