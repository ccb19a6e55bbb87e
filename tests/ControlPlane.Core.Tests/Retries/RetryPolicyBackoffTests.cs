using ControlPlane.Core.Attempts;
using ControlPlane.Core.Retries;

namespace ControlPlane.Core.Tests.Retries;

public class RetryPolicyBackoffTests
{
    private static readonly RetryPolicy Exponential = new()
    {
        MaxAttempts = 10,
        InitialBackoff = TimeSpan.FromSeconds(1),
        BackoffFactor = 2,
        MaxBackoff = TimeSpan.FromSeconds(10),
        Jitter = JitterMode.None,
    };

    [Fact]
    public void Delays_grow_by_the_factor_until_the_cap()
    {
        var delays = Enumerable.Range(1, 6).Select(n => Exponential.Delay(n, new Random(1)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void A_huge_attempt_number_stays_at_the_cap_instead_of_overflowing() =>
        Assert.Equal(TimeSpan.FromSeconds(10), Exponential.BaseDelay(5000));

    [Fact]
    public void A_factor_of_one_is_a_constant_backoff() =>
        Assert.Equal(TimeSpan.FromSeconds(1), (Exponential with { BackoffFactor = 1 }).BaseDelay(7));

    [Fact]
    public void Proportional_jitter_only_shortens_a_delay_by_up_to_the_ratio()
    {
        var policy = Exponential with { Jitter = JitterMode.Proportional, JitterRatio = 0.2 };
        var random = new Random(42);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var baseDelay = policy.BaseDelay(attempt);
            for (var draw = 0; draw < 200; draw++)
            {
                var delay = policy.Delay(attempt, random);
                Assert.InRange(delay, baseDelay * 0.8, baseDelay);
            }
        }
    }

    [Fact]
    public void Full_jitter_spreads_a_delay_over_zero_to_the_delay_and_never_past_the_cap()
    {
        var policy = Exponential with { Jitter = JitterMode.Full };
        var random = new Random(7);

        var delays = Enumerable.Range(0, 500).Select(_ => policy.Delay(6, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, policy.MaxBackoff));
        Assert.Contains(delays, d => d < TimeSpan.FromSeconds(2));
        Assert.Contains(delays, d => d > TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        var policy = Exponential with { Jitter = JitterMode.Full };
        var first = new Random(123);
        var second = new Random(123);

        Assert.Equal(
            Enumerable.Range(1, 5).Select(n => policy.Delay(n, first)),
            Enumerable.Range(1, 5).Select(n => policy.Delay(n, second)));
    }

    [Fact]
    public void The_planner_sets_not_before_to_the_clocks_now_plus_the_delay()
    {
        var now = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var planner = new RetryPlanner(new FixedClock(now), new Random(1));

        var decision = planner.Decide(Exponential, new AttemptFailure(3, FailureClass.ExitCode, 1));

        Assert.True(decision.ShouldRetry);
        Assert.Equal(4, decision.NextAttempt);
        Assert.Equal(now + TimeSpan.FromSeconds(4), decision.NotBefore);
    }

    [Fact]
    public void Jittered_not_before_with_a_seeded_random_is_within_bounds_and_repeatable()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var policy = Exponential with { Jitter = JitterMode.Proportional, JitterRatio = 0.5 };
        var failure = new AttemptFailure(2, FailureClass.Timeout);

        var first = new RetryPlanner(new FixedClock(now), new Random(99)).Decide(policy, failure).NotBefore;
        var again = new RetryPlanner(new FixedClock(now), new Random(99)).Decide(policy, failure).NotBefore;

        Assert.Equal(first, again);
        Assert.InRange(first!.Value, now + TimeSpan.FromSeconds(1), now + TimeSpan.FromSeconds(2));
    }
}
