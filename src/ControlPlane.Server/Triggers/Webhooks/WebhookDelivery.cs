using System.Net;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>One request to <c>POST /hooks/{workflow}</c>, as the receiver needs it.</summary>
/// <param name="Body">The raw body, already bounded by <see cref="WebhookOptions.MaxBodyBytes"/>.</param>
/// <param name="Signature">The <c>X-Hub-Signature-256</c> header (<c>sha256=&lt;hex&gt;</c>), if any.</param>
/// <param name="Authorization">The <c>Authorization</c> header, if any.</param>
/// <param name="DeliveryId">The <c>X-Delivery-Id</c> (or <c>X-GitHub-Delivery</c>) header, if any.</param>
/// <param name="Client">The connection's remote address, for throttling failed authentication; null when unknown.</param>
public sealed record WebhookDelivery(string Workflow, ReadOnlyMemory<byte> Body, string? Signature, string? Authorization, string? DeliveryId, IPAddress? Client);
