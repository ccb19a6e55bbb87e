namespace ControlPlane.Server.Notifications;

/// <summary>How one POST went.</summary>
/// <param name="StatusCode">The HTTP status, or null when no response came.</param>
/// <param name="Error">Null for a 2xx; otherwise e.g. <c>HTTP 503</c>, <c>timed out after 10s</c>, <c>connection refused</c>.</param>
public sealed record WebhookResult(int? StatusCode, string? Error, TimeSpan Duration)
{
    public bool Succeeded => Error is null;
}
