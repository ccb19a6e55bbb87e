namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>The HTTP answer to a delivery: a status code and a JSON object (<c>{"error": "..."}</c> for a refusal).</summary>
public sealed record WebhookResponse(int StatusCode, IReadOnlyDictionary<string, object?> Body)
{
    public static WebhookResponse Error(int statusCode, string message) => new(statusCode, new Dictionary<string, object?> { ["error"] = message });

    /// <summary>The error message, or null for an answer that is not a refusal.</summary>
    public string? ErrorMessage => Body.TryGetValue("error", out var message) ? message as string : null;
}
