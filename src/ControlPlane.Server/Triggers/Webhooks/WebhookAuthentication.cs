namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>How a delivery authenticated: refused (with the answer), or accepted, by a verified signature or otherwise.</summary>
public sealed record WebhookAuthentication(WebhookResponse? Refusal, bool Signed)
{
    public static WebhookAuthentication BySignature { get; } = new(null, true);

    /// <summary>By an operator's token, or without credentials in dev mode.</summary>
    public static WebhookAuthentication ByToken { get; } = new(null, false);
}
