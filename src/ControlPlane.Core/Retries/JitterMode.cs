namespace ControlPlane.Core.Retries;

/// <summary>How a <see cref="RetryPolicy"/> randomizes its backoff so that steps failing together do not retry together.</summary>
public enum JitterMode
{
    /// <summary>The exact exponential delay; for tests and for single steps where spreading does not matter.</summary>
    None,

    /// <summary>
    /// Uniform in [delay × (1 − ratio), delay]. The default: a user who writes "backoff 30s" gets roughly 30s,
    /// jitter only shortens the wait so the cap stays a hard upper bound, and retries at the cap still spread out.
    /// </summary>
    Proportional,

    /// <summary>
    /// Uniform in [0, delay] ("full jitter"). Spreads a thundering herd best (many steps hammering one flaky
    /// service) at the cost of sometimes retrying almost at once.
    /// </summary>
    Full,
}
