using ControlPlane.Core.Attempts;
using ControlPlane.Core.Retries;

namespace ControlPlane.Core.Tests.Retries;

public class RetryPolicyDecisionTests
{
    private static readonly RetryPolicy ThreeAttempts = new() { MaxAttempts = 3 };

    [Theory]
    [InlineData(FailureClass.ExitCode)]
    [InlineData(FailureClass.Timeout)]
    [InlineData(FailureClass.RunnerLost)]
    [InlineData(FailureClass.Error)]
    public void By_default_every_failure_class_uses_the_attempt_budget(FailureClass failureClass)
    {
        Assert.True(ThreeAttempts.Retries(new AttemptFailure(1, failureClass, 1, PriorRunnerLosses: 5)));
        Assert.True(ThreeAttempts.Retries(new AttemptFailure(2, failureClass, 1, PriorRunnerLosses: 5)));
        Assert.False(ThreeAttempts.Retries(new AttemptFailure(3, failureClass, 1, PriorRunnerLosses: 5)));
    }

    [Fact]
    public void Failure_classes_left_out_of_retry_on_do_not_retry()
    {
        var policy = ThreeAttempts with { RetryOn = RetryableFailures.Timeout };

        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.Timeout)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 1)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.Error)));
    }

    [Fact]
    public void With_specific_exit_codes_only_those_codes_retry()
    {
        var policy = ThreeAttempts with { RetryOn = RetryableFailures.ExitCode, RetryExitCodes = [75, 137] };

        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 137)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 1)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, ExitCode: null)));
    }

    [Fact]
    public void The_default_policy_runs_once_but_retries_a_lost_runner_once()
    {
        var policy = RetryPolicy.Default;

        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 1)));
        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.RunnerLost)));
        Assert.False(policy.Retries(new AttemptFailure(2, FailureClass.RunnerLost, PriorRunnerLosses: 1)));
    }

    [Fact]
    public void A_lost_runner_is_retried_once_even_when_retry_on_leaves_it_out()
    {
        var policy = ThreeAttempts with { RetryOn = RetryableFailures.ExitCode };

        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.RunnerLost)));
        Assert.False(policy.Retries(new AttemptFailure(2, FailureClass.RunnerLost, PriorRunnerLosses: 1)));
    }

    [Fact]
    public void The_runner_loss_allowance_is_a_floor_not_extra_attempts()
    {
        var afterALostRunner = new AttemptFailure(3, FailureClass.ExitCode, 1, PriorRunnerLosses: 1);

        Assert.False(ThreeAttempts.Retries(afterALostRunner));
    }

    [Fact]
    public void A_zero_runner_loss_allowance_leaves_runner_loss_to_the_budget() =>
        Assert.False((RetryPolicy.Default with { RunnerLossRetries = 0 }).Retries(new AttemptFailure(1, FailureClass.RunnerLost)));

    [Fact]
    public void Giving_up_says_which_attempt_failed_and_why()
    {
        var planner = new RetryPlanner(new FixedClock(DateTimeOffset.UnixEpoch), new Random(1));

        var decision = planner.Decide(RetryPolicy.Default, new AttemptFailure(1, FailureClass.ExitCode, 2));

        Assert.False(decision.ShouldRetry);
        Assert.Null(decision.NotBefore);
        Assert.Equal("attempt 1 failed (exit_code 2); no retries left for it", decision.Reason);
    }

    [Theory]
    [InlineData(nameof(RetryPolicy.MaxAttempts))]
    [InlineData(nameof(RetryPolicy.BackoffFactor))]
    [InlineData(nameof(RetryPolicy.MaxBackoff))]
    [InlineData(nameof(RetryPolicy.JitterRatio))]
    [InlineData(nameof(RetryPolicy.RunnerLossRetries))]
    public void An_out_of_range_field_is_named_by_validation(string field)
    {
        var policy = field switch
        {
            nameof(RetryPolicy.MaxAttempts) => RetryPolicy.Default with { MaxAttempts = 0 },
            nameof(RetryPolicy.BackoffFactor) => RetryPolicy.Default with { BackoffFactor = 0.5 },
            nameof(RetryPolicy.MaxBackoff) => RetryPolicy.Default with { MaxBackoff = TimeSpan.FromSeconds(1) },
            nameof(RetryPolicy.JitterRatio) => RetryPolicy.Default with { JitterRatio = 1.5 },
            _ => RetryPolicy.Default with { RunnerLossRetries = -1 },
        };

        Assert.Equal(field, Assert.Throws<InvalidRetryPolicyException>(policy.Validate).Field);
    }

    [Fact]
    public void The_default_policy_is_valid() => RetryPolicy.Default.Validate();
}
