namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>The <c>Webhooks</c> section of the server configuration.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The largest body <c>POST /hooks/{workflow}</c> accepts; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
