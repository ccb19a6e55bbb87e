using ControlPlane.Core.Attempts;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Retries;

namespace ControlPlane.Core.Tests.Retries;

public class RetryPlannerTests
{
    private static readonly RetryPolicy Exponential = new()
    {
        Attempts = 10,
        InitialBackoff = TimeSpan.FromSeconds(1),
        Factor = 2,
        MaxBackoff = TimeSpan.FromSeconds(10),
    };

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
        var policy = Exponential with { Jitter = 0.5 };
        var failure = new AttemptFailure(2, FailureClass.Timeout);

        var first = new RetryPlanner(new FixedClock(now), new Random(99)).Decide(policy, failure).NotBefore;
        var again = new RetryPlanner(new FixedClock(now), new Random(99)).Decide(policy, failure).NotBefore;

        Assert.Equal(first, again);
        Assert.InRange(first!.Value, now + TimeSpan.FromSeconds(1), now + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_lost_runner_under_the_default_policy_is_retried_after_the_initial_backoff()
    {
        var now = DateTimeOffset.UnixEpoch;
        var planner = new RetryPlanner(new FixedClock(now), new Random(1));

        var decision = planner.Decide(RetryPolicy.Default, new AttemptFailure(1, FailureClass.RunnerLost));

        Assert.True(decision.ShouldRetry);
        Assert.Equal(now + TimeSpan.FromSeconds(1), decision.NotBefore);
    }

    [Fact]
    public void Giving_up_says_which_attempt_failed_and_why()
    {
        var planner = new RetryPlanner(new FixedClock(DateTimeOffset.UnixEpoch), new Random(1));

        var decision = planner.Decide(RetryPolicy.Default, new AttemptFailure(1, FailureClass.ExitCode, 2));

        Assert.False(decision.ShouldRetry);
        Assert.Null(decision.NotBefore);
        Assert.Equal("attempt 1 failed (exit_code 2); no retries left for it", decision.Reason);
    }
}
