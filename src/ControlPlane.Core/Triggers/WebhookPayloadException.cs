namespace ControlPlane.Core.Triggers;

/// <summary>A webhook body that is not a JSON object; the message names the problem and, for bad JSON, where it is.</summary>
public sealed class WebhookPayloadException : FormatException
{
    public WebhookPayloadException()
    {
    }

    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
