namespace ControlPlane.Server.Auth;

/// <summary>Settings of API authentication; the <c>Auth</c> section of appsettings.json.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// How long a token lookup is reused before the store is asked again; it bounds how late a revocation made by
    /// another server process takes effect (a revocation through this server's API takes effect at once). Default 1 s.
    /// </summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most token lookups kept; the cache is emptied when it would grow past this. Default 10,000.</summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Failed authentications (API tokens, registration tokens, runner tokens, webhook signatures and tokens) one
    /// client address may make per <see cref="FailureWindow"/>; after that, every authenticated call from it is refused
    /// with RESOURCE_EXHAUSTED (HTTP 429) until the window ends. Default 10.
    /// </summary>
    public int FailureLimit { get; set; } = 10;

    /// <summary>The fixed window <see cref="FailureLimit"/> counts in, aligned to the clock. Default 1 minute.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}
