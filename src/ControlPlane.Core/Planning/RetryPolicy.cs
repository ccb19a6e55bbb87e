using ControlPlane.Core.Attempts;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Retries;

namespace ControlPlane.Core.Planning;

/// <summary>
/// The complete retry policy of a planned step: the step's <c>retry</c> merged field by field over the
/// workflow's <c>defaults.retry</c>, over <see cref="Default"/>. The scheduler decides with it after every
/// failed attempt (see <see cref="RetryPlanner"/>).
/// </summary>
/// <remarks>
/// A lost runner is not the step's fault, so it is retried <see cref="RunnerLossRetries"/> times (once by default)
/// even when <see cref="Attempts"/> is 1 or <see cref="On"/> leaves <c>runner_lost</c> out. That allowance is a
/// floor, not extra attempts on top: attempts lost with their runner still count towards <see cref="Attempts"/>.
/// </remarks>
public sealed record RetryPolicy
{
    /// <summary>One attempt (one more if its runner is lost); when retries are enabled, 1s backoff doubling up to 1m, no jitter, on any failure.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, including the first; 1 means no retry. Default 1.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The wait before the second attempt. Default 1 second.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each further wait is the previous one times this. Default 2.</summary>
    public double Factor { get; init; } = 2;

    /// <summary>No wait exceeds this, jitter included. Default 1 minute.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest fraction (0 to 1) jitter takes off a wait; 1 is "full jitter". Default 0.</summary>
    public double Jitter { get; init; }

    /// <summary>Which failures use the <see cref="Attempts"/> budget. Default all.</summary>
    public RetryConditions On { get; init; } = RetryConditions.All;

    /// <summary>Exit codes that count as retryable; empty means any non-zero exit code.</summary>
    public IReadOnlyList<int> ExitCodes { get; init; } = [];

    /// <summary>Retries granted for a lost runner regardless of the budget; see the class remarks. Default 1.</summary>
    public int RunnerLossRetries { get; init; } = 1;

    public static RetryPolicy Resolve(RetrySettings? defaults, RetrySettings? step) =>
        Default.MergedWith(defaults).MergedWith(step);

    public RetryPolicy MergedWith(RetrySettings? settings) => settings is null
        ? this
        : this with
        {
            Attempts = settings.Attempts ?? Attempts,
            InitialBackoff = settings.InitialBackoff ?? InitialBackoff,
            Factor = settings.Factor ?? Factor,
            MaxBackoff = settings.MaxBackoff ?? MaxBackoff,
            Jitter = settings.Jitter ?? Jitter,
            On = settings.On ?? On,
            ExitCodes = settings.ExitCodes ?? ExitCodes,
        };

    /// <summary>Whether <paramref name="failure"/> earns another attempt; see the class remarks for runner loss.</summary>
    public bool Retries(AttemptFailure failure)
    {
        if (failure.Class == FailureClass.RunnerLost && failure.PriorRunnerLosses < RunnerLossRetries)
        {
            return true;
        }

        return failure.AttemptNumber < Attempts
            && (On & ConditionFor(failure.Class)) != RetryConditions.None
            && ExitCodeQualifies(failure);
    }

    /// <summary>The wait after failed attempt <paramref name="failedAttempt"/> (1-based), jittered by <paramref name="random"/>.</summary>
    public TimeSpan Delay(int failedAttempt, Random random) => BackoffBefore(failedAttempt + 1, random.NextDouble());

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 for the first retry); never more than <see cref="MaxBackoff"/>.</summary>
    /// <param name="random">A uniform sample in [0, 1) used for jitter; pass 0 for the unjittered wait.</param>
    public TimeSpan BackoffBefore(int nextAttempt, double random)
    {
        var retriesSoFar = Math.Max(0, nextAttempt - 2);
        var raw = InitialBackoff.TotalMilliseconds * Math.Pow(Factor, retriesSoFar);

        // A huge attempt number overflows to infinity; the cap still applies.
        var capped = double.IsFinite(raw) ? Math.Min(raw, MaxBackoff.TotalMilliseconds) : MaxBackoff.TotalMilliseconds;

        // Jitter spreads the wait over [1 - jitter, 1] of the capped value, so it never exceeds the cap.
        var scaled = capped * (1 - (Jitter * Math.Clamp(random, 0, 1)));
        return TimeSpan.FromMilliseconds(Math.Round(scaled));
    }

    /// <summary>The <c>retry.on</c> condition a failure class falls under.</summary>
    public static RetryConditions ConditionFor(FailureClass failureClass) => failureClass switch
    {
        FailureClass.ExitCode => RetryConditions.ExitCode,
        FailureClass.Timeout => RetryConditions.Timeout,
        FailureClass.RunnerLost => RetryConditions.RunnerLost,
        FailureClass.Error => RetryConditions.Error,
        _ => RetryConditions.None,
    };

    private bool ExitCodeQualifies(AttemptFailure failure) =>
        failure.Class != FailureClass.ExitCode
        || ExitCodes.Count == 0
        || (failure.ExitCode is { } code && ExitCodes.Contains(code));
}
