using ControlPlane.Server.Auth;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>The HTTP answer to a delivery: a status code and a JSON object (<c>{"error": "..."}</c> for a refusal).</summary>
public sealed record WebhookResponse(int StatusCode, IReadOnlyDictionary<string, object?> Body)
{
    /// <summary>Whole seconds for a <c>Retry-After</c> header; set on 429.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The error message, or null for an answer that is not a refusal.</summary>
    public string? ErrorMessage => Body.TryGetValue("error", out var message) ? message as string : null;

    public static WebhookResponse Error(int statusCode, string message) => new(statusCode, new Dictionary<string, object?> { ["error"] = message });

    /// <summary>429 with <c>Retry-After</c>: the client address failed authentication too often lately.</summary>
    public static WebhookResponse Throttled(AuthThrottledException throttled) =>
        Error(429, throttled.Message) with { RetryAfterSeconds = throttled.RetryAfterSeconds };
}
