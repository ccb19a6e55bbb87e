namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>The <c>Webhooks</c> section of the server configuration.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The largest body <c>POST /hooks/{workflow}</c> accepts; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a signed body is remembered: the same signed body again within this time, under any delivery id, is
    /// answered as a redelivery and starts nothing. Older records are deleted as new ones are written. Default 24 hours.
    /// </summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(24);
}
