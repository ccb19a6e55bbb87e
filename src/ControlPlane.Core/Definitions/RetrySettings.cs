namespace ControlPlane.Core.Definitions;

/// <summary>
/// Retry settings as written: every field is optional so a step can override single fields of the
/// workflow defaults. <c>Planning.RetryPolicy</c> is the merged, complete form.
/// </summary>
public sealed record RetrySettings
{
    /// <summary>Total attempts including the first; 1 means no retry.</summary>
    public int? Attempts { get; init; }

    public TimeSpan? InitialBackoff { get; init; }

    /// <summary>Multiplier applied to the backoff after each attempt.</summary>
    public double? Factor { get; init; }

    public TimeSpan? MaxBackoff { get; init; }

    /// <summary>Fraction (0 to 1) of each backoff that is randomized, so retries of many runs spread out.</summary>
    public double? Jitter { get; init; }

    public RetryConditions? On { get; init; }

    /// <summary>When set, only these exit codes count as <see cref="RetryConditions.ExitCode"/> failures.</summary>
    public IReadOnlyList<int>? ExitCodes { get; init; }
}
