using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Tests.Scheduling;

public class AttemptHistoryTests
{
    private static AttemptRecord Attempt(int number, AttemptState state, FailureClass? failure = null) => new(
        new AttemptId(number), new StepId(1), new RunId(1), number, new RunnerId(1), state, number, null,
        DateTimeOffset.UnixEpoch, null, null, null, null, failure, null, new LogStatus(0, null, null, false));

    [Fact]
    public void Rejected_and_expired_offers_are_not_tries_at_the_work()
    {
        var attempts = new[]
        {
            Attempt(1, AttemptState.Rejected),
            Attempt(2, AttemptState.Lost),
            Attempt(3, AttemptState.Lost, FailureClass.RunnerLost),
            Attempt(4, AttemptState.Failed, FailureClass.ExitCode),
        };

        var failure = AttemptHistory.FailureOf(attempts, attempts[3], FailureClass.ExitCode, 2);

        Assert.Equal(2, failure.AttemptNumber);
        Assert.Equal(1, failure.PriorRunnerLosses);
        Assert.Equal(2, failure.ExitCode);
    }

    [Fact]
    public void Attempts_of_earlier_run_attempts_are_not_counted_so_a_retried_run_gets_the_whole_budget_again()
    {
        var attempts = new[]
        {
            Attempt(1, AttemptState.Lost, FailureClass.RunnerLost),
            Attempt(2, AttemptState.Failed, FailureClass.ExitCode),
            Attempt(3, AttemptState.Failed, FailureClass.ExitCode),
        };

        var failure = AttemptHistory.FailureOf(attempts, attempts[2], FailureClass.ExitCode, 1, attemptsBefore: 2);

        Assert.Equal((1, 0), (failure.AttemptNumber, failure.PriorRunnerLosses));
    }

    [Fact]
    public void Retry_reasons_name_the_retry_and_the_time_in_utc() =>
        Assert.Equal("retry 2 not before 12:00:03Z", PendingReasons.Retry(2, new DateTimeOffset(2025, 1, 1, 13, 0, 3, 500, TimeSpan.FromHours(1))));
}
