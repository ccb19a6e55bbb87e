using ControlPlane.Core.Definitions;
using ControlPlane.Core.Planning;

namespace ControlPlane.Core.Tests.Planning;

public class RetryPolicyTests
{
    [Fact]
    public void Step_settings_override_defaults_field_by_field()
    {
        var policy = RetryPolicy.Resolve(
            new RetrySettings { Attempts = 4, Factor = 3, MaxBackoff = TimeSpan.FromSeconds(30) },
            new RetrySettings { Factor = 1.5, ExitCodes = [75] });

        Assert.Equal(4, policy.Attempts);
        Assert.Equal(1.5, policy.Factor);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.MaxBackoff);
        Assert.Equal([75], policy.ExitCodes);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.InitialBackoff);
    }

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
    public void Jitter_only_shortens_the_wait()
    {
        var policy = new RetryPolicy { Attempts = 3, InitialBackoff = TimeSpan.FromSeconds(10), Jitter = 0.5 };

        Assert.Equal(TimeSpan.FromSeconds(10), policy.BackoffBefore(2, random: 0));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.BackoffBefore(2, random: 1));
    }

    [Fact]
    public void Retries_stop_after_the_last_attempt()
    {
        var policy = new RetryPolicy { Attempts = 3 };

        Assert.True(policy.ShouldRetry(RetryConditions.ExitCode, 1, attemptsMade: 2));
        Assert.False(policy.ShouldRetry(RetryConditions.ExitCode, 1, attemptsMade: 3));
    }

    [Fact]
    public void Only_listed_failures_and_exit_codes_are_retried()
    {
        var policy = new RetryPolicy { Attempts = 3, On = RetryConditions.ExitCode | RetryConditions.RunnerLost, ExitCodes = [75] };

        Assert.True(policy.ShouldRetry(RetryConditions.ExitCode, 75, 1));
        Assert.False(policy.ShouldRetry(RetryConditions.ExitCode, 1, 1));
        Assert.True(policy.ShouldRetry(RetryConditions.RunnerLost, null, 1));
        Assert.False(policy.ShouldRetry(RetryConditions.Timeout, null, 1));
    }
}
