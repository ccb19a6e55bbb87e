using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Planning;

/// <summary>
/// The complete retry policy of a planned step: the step's <c>retry</c> merged field by field over the
/// workflow's <c>defaults.retry</c>, over <see cref="Default"/>.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>One attempt (no retry); if retries are enabled, 1s backoff doubling up to 1m, no jitter, on any failure.</summary>
    public static RetryPolicy Default { get; } = new();

    public int Attempts { get; init; } = 1;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public double Factor { get; init; } = 2;

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    public double Jitter { get; init; }

    public RetryConditions On { get; init; } = RetryConditions.All;

    /// <summary>Exit codes that count as retryable; empty means any non-zero exit code.</summary>
    public IReadOnlyList<int> ExitCodes { get; init; } = [];

    public static RetryPolicy Resolve(RetrySettings? defaults, RetrySettings? step) =>
        Default.MergedWith(defaults).MergedWith(step);

    public RetryPolicy MergedWith(RetrySettings? settings) => settings is null
        ? this
        : new RetryPolicy
        {
            Attempts = settings.Attempts ?? Attempts,
            InitialBackoff = settings.InitialBackoff ?? InitialBackoff,
            Factor = settings.Factor ?? Factor,
            MaxBackoff = settings.MaxBackoff ?? MaxBackoff,
            Jitter = settings.Jitter ?? Jitter,
            On = settings.On ?? On,
            ExitCodes = settings.ExitCodes ?? ExitCodes,
        };

    /// <summary>Whether a failed attempt should be followed by another.</summary>
    /// <param name="failure">Exactly one condition: how the attempt failed.</param>
    /// <param name="exitCode">The exit code for <see cref="RetryConditions.ExitCode"/> failures.</param>
    /// <param name="attemptsMade">Attempts made so far, including the one that just failed.</param>
    public bool ShouldRetry(RetryConditions failure, int? exitCode, int attemptsMade)
    {
        if (attemptsMade >= Attempts || (On & failure) == RetryConditions.None)
        {
            return false;
        }

        return failure != RetryConditions.ExitCode || ExitCodes.Count == 0 || (exitCode is { } code && ExitCodes.Contains(code));
    }

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    /// <param name="random">A uniform sample in [0, 1) used for jitter; pass 0.5 for the midpoint.</param>
    public TimeSpan BackoffBefore(int nextAttempt, double random)
    {
        var retriesSoFar = Math.Max(0, nextAttempt - 2);
        var raw = InitialBackoff.TotalMilliseconds * Math.Pow(Factor, retriesSoFar);
        var capped = Math.Min(raw, MaxBackoff.TotalMilliseconds);

        // Jitter spreads the wait over [1 - jitter, 1] of the capped value, so it never exceeds the cap.
        var scaled = capped * (1 - (Jitter * Math.Clamp(random, 0, 1)));
        return TimeSpan.FromMilliseconds(Math.Round(scaled));
    }
}
