using ControlPlane.Core.Attempts;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Retries;

namespace ControlPlane.Core.Tests.Planning;

public class RetryPolicyTests
{
    private static readonly RetryPolicy ThreeAttempts = new() { Attempts = 3 };

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
        Assert.Equal(1, policy.RunnerLossRetries);
    }

    [Fact]
    public void Merging_settings_keeps_the_runner_loss_allowance() =>
        Assert.Equal(0, (RetryPolicy.Default with { RunnerLossRetries = 0 }).MergedWith(new RetrySettings { Attempts = 2 }).RunnerLossRetries);

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
    public void Failure_classes_left_out_of_on_do_not_retry()
    {
        var policy = ThreeAttempts with { On = RetryConditions.Timeout };

        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.Timeout)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 1)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.Error)));
    }

    [Fact]
    public void Only_listed_failures_and_exit_codes_are_retried()
    {
        var policy = ThreeAttempts with { On = RetryConditions.ExitCode | RetryConditions.RunnerLost, ExitCodes = [75, 137], RunnerLossRetries = 0 };

        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 137)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, 1)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.ExitCode, ExitCode: null)));
        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.RunnerLost)));
        Assert.False(policy.Retries(new AttemptFailure(1, FailureClass.Timeout)));
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
    public void A_lost_runner_is_retried_once_even_when_on_leaves_it_out()
    {
        var policy = ThreeAttempts with { On = RetryConditions.ExitCode };

        Assert.True(policy.Retries(new AttemptFailure(1, FailureClass.RunnerLost)));
        Assert.False(policy.Retries(new AttemptFailure(2, FailureClass.RunnerLost, PriorRunnerLosses: 1)));
    }

    [Fact]
    public void The_runner_loss_allowance_is_a_floor_not_extra_attempts() =>
        Assert.False(ThreeAttempts.Retries(new AttemptFailure(3, FailureClass.ExitCode, 1, PriorRunnerLosses: 1)));

    [Fact]
    public void A_zero_runner_loss_allowance_leaves_runner_loss_to_the_budget() =>
        Assert.False((RetryPolicy.Default with { RunnerLossRetries = 0 }).Retries(new AttemptFailure(1, FailureClass.RunnerLost)));
}
