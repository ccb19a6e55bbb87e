using ControlPlane.Core.Attempts;

namespace ControlPlane.Core.Retries;

/// <summary>
/// How a step retries: up to <see cref="MaxAttempts"/> attempts in all, for the failure classes in
/// <see cref="RetryOn"/>, with exponential backoff (<see cref="InitialBackoff"/> × <see cref="BackoffFactor"/>^(n−1),
/// capped at <see cref="MaxBackoff"/>) and <see cref="Jitter"/>.
/// </summary>
/// <remarks>
/// A lost runner is not the step's fault, so it is retried <see cref="RunnerLossRetries"/> times (once by default)
/// even when <see cref="MaxAttempts"/> is 1 or <see cref="RetryOn"/> leaves it out. That allowance is a floor, not
/// extra attempts on top: attempts lost with their runner still count towards <see cref="MaxAttempts"/>.
/// </remarks>
public sealed record RetryPolicy
{
    /// <summary>One attempt, and one more if its runner is lost.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, including the first. Default 1.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The delay before the second attempt. Default 10 seconds.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each further delay is the previous one times this. Default 2.</summary>
    public double BackoffFactor { get; init; } = 2;

    /// <summary>No delay exceeds this, jitter included. Default 10 minutes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="JitterMode.Proportional"/>.</summary>
    public JitterMode Jitter { get; init; } = JitterMode.Proportional;

    /// <summary>For <see cref="JitterMode.Proportional"/>: the largest fraction taken off a delay. Default 0.2.</summary>
    public double JitterRatio { get; init; } = 0.2;

    /// <summary>Which failure classes use the <see cref="MaxAttempts"/> budget. Default all.</summary>
    public RetryableFailures RetryOn { get; init; } = RetryableFailures.All;

    /// <summary>Exit codes that retry; empty means every non-zero code does. Only with <see cref="RetryableFailures.ExitCode"/>.</summary>
    public IReadOnlyList<int> RetryExitCodes { get; init; } = [];

    /// <summary>Retries granted for a lost runner regardless of the budget. Default 1.</summary>
    public int RunnerLossRetries { get; init; } = 1;

    /// <exception cref="InvalidRetryPolicyException">A field is out of range.</exception>
    public void Validate()
    {
        Require(MaxAttempts >= 1, nameof(MaxAttempts), "must be at least 1");
        Require(InitialBackoff >= TimeSpan.Zero, nameof(InitialBackoff), "must not be negative");
        Require(BackoffFactor >= 1 && double.IsFinite(BackoffFactor), nameof(BackoffFactor), "must be a finite number of at least 1");
        Require(MaxBackoff >= InitialBackoff, nameof(MaxBackoff), "must be at least the initial backoff");
        Require(JitterRatio is >= 0 and <= 1, nameof(JitterRatio), "must be between 0 and 1");
        Require(RunnerLossRetries >= 0, nameof(RunnerLossRetries), "must not be negative");
        Require(Enum.IsDefined(Jitter), nameof(Jitter), "is not a known jitter mode");
    }

    /// <summary>Whether <paramref name="failure"/> earns another attempt; see the class remarks for runner loss.</summary>
    public bool Retries(AttemptFailure failure)
    {
        if (failure.Class == FailureClass.RunnerLost && failure.PriorRunnerLosses < RunnerLossRetries)
        {
            return true;
        }

        return failure.AttemptNumber < MaxAttempts && RetryOn.HasFlag(FlagFor(failure.Class)) && ExitCodeQualifies(failure);
    }

    /// <summary>The delay after failed attempt <paramref name="failedAttempt"/> (1-based) before jitter, capped.</summary>
    public TimeSpan BaseDelay(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var milliseconds = InitialBackoff.TotalMilliseconds * Math.Pow(BackoffFactor, failedAttempt - 1);
        var capped = double.IsFinite(milliseconds) ? Math.Min(milliseconds, MaxBackoff.TotalMilliseconds) : MaxBackoff.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(capped);
    }

    /// <summary>The jittered delay after failed attempt <paramref name="failedAttempt"/>; never more than <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Delay(int failedAttempt, Random random)
    {
        var delay = BaseDelay(failedAttempt);
        var fraction = Jitter switch
        {
            JitterMode.None => 1.0,
            JitterMode.Proportional => 1.0 - (JitterRatio * random.NextDouble()),
            JitterMode.Full => random.NextDouble(),
            _ => throw new InvalidRetryPolicyException(nameof(Jitter), "is not a known jitter mode"),
        };
        return TimeSpan.FromMilliseconds(delay.TotalMilliseconds * fraction);
    }

    private bool ExitCodeQualifies(AttemptFailure failure) =>
        failure.Class != FailureClass.ExitCode
        || RetryExitCodes.Count == 0
        || (failure.ExitCode is { } code && RetryExitCodes.Contains(code));

    private static RetryableFailures FlagFor(FailureClass failureClass) => failureClass switch
    {
        FailureClass.ExitCode => RetryableFailures.ExitCode,
        FailureClass.Timeout => RetryableFailures.Timeout,
        FailureClass.RunnerLost => RetryableFailures.RunnerLost,
        FailureClass.Error => RetryableFailures.Error,
        _ => RetryableFailures.None,
    };

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new InvalidRetryPolicyException(field, problem);
        }
    }
}
