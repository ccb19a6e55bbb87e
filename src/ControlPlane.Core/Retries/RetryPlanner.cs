using ControlPlane.Core.Planning;
using ControlPlane.Core.StateMachines;

namespace ControlPlane.Core.Retries;

/// <summary>
/// Turns a failed attempt into a <see cref="RetryDecision"/>: whether to retry and the <c>not_before</c> time,
/// from the injected clock and random source.
/// </summary>
/// <remarks>
/// Not thread-safe when given a seeded <see cref="Random"/> (which is not); pass <see cref="Random.Shared"/> to
/// share one planner across threads.
/// </remarks>
public sealed class RetryPlanner
{
    private readonly TimeProvider _time;
    private readonly Random _random;

    public RetryPlanner(TimeProvider time, Random random)
    {
        _time = time;
        _random = random;
    }

    public RetryDecision Decide(RetryPolicy policy, AttemptFailure failure)
    {
        if (!policy.Retries(failure))
        {
            return RetryDecision.GiveUp($"attempt {failure.AttemptNumber} failed ({Describe(failure)}); no retries left for it");
        }

        var next = failure.AttemptNumber + 1;
        var notBefore = _time.GetUtcNow() + policy.Delay(failure.AttemptNumber, _random);
        return RetryDecision.Retry(next, notBefore, $"attempt {failure.AttemptNumber} failed ({Describe(failure)}); attempt {next} not before {notBefore:O}");
    }

    private static string Describe(AttemptFailure failure) =>
        failure.ExitCode is { } code ? $"{EnumText.ToText(failure.Class)} {code}" : EnumText.ToText(failure.Class);
}
