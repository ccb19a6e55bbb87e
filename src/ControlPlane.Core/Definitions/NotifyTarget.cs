namespace ControlPlane.Core.Definitions;

/// <summary>One <c>notify:</c> entry: where to send which run events, and how.</summary>
/// <param name="Url">The endpoint, or null when <paramref name="UrlEnv"/> names it.</param>
/// <param name="UrlEnv">A server environment variable holding the URL, so a secret URL stays out of the file.</param>
/// <param name="SecretEnv">A server environment variable holding the HMAC key the body is signed with; null to not sign.</param>
public sealed record NotifyTarget(string? Url, string? UrlEnv, NotifyEvents On, NotifyFormat Format, string? SecretEnv)
{
    /// <summary>What a target subscribes to when it does not say.</summary>
    public const NotifyEvents DefaultEvents = NotifyEvents.Failed;

    /// <summary>Names the endpoint without revealing a URL kept in the environment: the URL, or <c>env:NAME</c>.</summary>
    public string EndpointName => Url ?? "env:" + UrlEnv;
}
