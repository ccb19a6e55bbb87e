namespace ControlPlane.Server.Auth;

/// <summary>
/// The client address made too many failed authentication attempts in the current window; RESOURCE_EXHAUSTED (HTTP
/// 429). The credential was not looked at.
/// </summary>
public sealed class AuthThrottledException(TimeSpan retryAfter)
    : Exception($"Too many failed authentication attempts from this address; try again in {Seconds(retryAfter)} s.")
{
    /// <summary>When the window ends and attempts are counted afresh.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>Whole seconds, rounded up and at least 1, as a Retry-After header carries them.</summary>
    public int RetryAfterSeconds => Seconds(RetryAfter);

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}
