using System.Text.Json.Nodes;

namespace ControlPlane.Server.Tests.Notifications.Support;

/// <summary>One request the receiver got, and the status it answered with.</summary>
internal sealed record ReceivedWebhook(int Call, DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Status)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? Event => Headers.GetValueOrDefault("X-ControlPlane-Event");
}
