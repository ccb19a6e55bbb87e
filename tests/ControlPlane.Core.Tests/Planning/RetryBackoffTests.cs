using ControlPlane.Core.Planning;

namespace ControlPlane.Core.Tests.Planning;

public class RetryBackoffTests
{
    private static readonly RetryPolicy Exponential = new()
    {
        Attempts = 10,
        InitialBackoff = TimeSpan.FromSeconds(1),
        Factor = 2,
        MaxBackoff = TimeSpan.FromSeconds(10),
    };

    [Theory]
    [InlineData(2, 1_000)]
    [InlineData(3, 2_000)]
    [InlineData(4, 4_000)]
    [InlineData(8, 60_000)]
    public void Backoff_grows_by_the_factor_up_to_the_maximum(int nextAttempt, int milliseconds)
    {
        var policy = new RetryPolicy { Attempts = 10 };

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), policy.BackoffBefore(nextAttempt, random: 0));
    }

    [Fact]
    public void Delays_after_each_failed_attempt_grow_by_the_factor_until_the_cap()
    {
        var delays = Enumerable.Range(1, 6).Select(n => Exponential.Delay(n, new Random(1)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void A_huge_attempt_number_stays_at_the_cap_instead_of_overflowing() =>
        Assert.Equal(TimeSpan.FromSeconds(10), Exponential.BackoffBefore(5001, random: 0));

    [Fact]
    public void A_factor_of_one_is_a_constant_backoff() =>
        Assert.Equal(TimeSpan.FromSeconds(1), (Exponential with { Factor = 1 }).BackoffBefore(8, random: 0));

    [Fact]
    public void Jitter_only_shortens_the_wait()
    {
        var policy = new RetryPolicy { Attempts = 3, InitialBackoff = TimeSpan.FromSeconds(10), Jitter = 0.5 };

        Assert.Equal(TimeSpan.FromSeconds(10), policy.BackoffBefore(2, random: 0));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.BackoffBefore(2, random: 1));
    }

    [Fact]
    public void Jitter_shortens_a_delay_by_at_most_its_fraction()
    {
        var policy = Exponential with { Jitter = 0.2 };
        var random = new Random(42);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var baseDelay = policy.BackoffBefore(attempt + 1, random: 0);
            for (var draw = 0; draw < 200; draw++)
            {
                Assert.InRange(policy.Delay(attempt, random), baseDelay * 0.8, baseDelay);
            }
        }
    }

    [Fact]
    public void Full_jitter_spreads_a_delay_over_zero_to_the_delay_and_never_past_the_cap()
    {
        var policy = Exponential with { Jitter = 1 };
        var random = new Random(7);

        var delays = Enumerable.Range(0, 500).Select(_ => policy.Delay(6, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, policy.MaxBackoff));
        Assert.Contains(delays, d => d < TimeSpan.FromSeconds(2));
        Assert.Contains(delays, d => d > TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        var policy = Exponential with { Jitter = 1 };
        var first = new Random(123);
        var second = new Random(123);

        Assert.Equal(
            Enumerable.Range(1, 5).Select(n => policy.Delay(n, first)),
            Enumerable.Range(1, 5).Select(n => policy.Delay(n, second)));
    }
}
