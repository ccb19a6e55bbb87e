using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class TimeoutTests
{
    [Fact]
    public async Task A_silent_runner_past_the_step_timeout_fails_the_attempt_as_timeout_and_is_told_to_stop()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: slow
            steps:
              - id: hang
                timeout: 10s
                retry:
                  attempts: 2
                  initial_backoff: 0s
                  on: [timeout]
                run: sleep 100
            """);
        var run = await harness.StartRunAsync("slow");
        await harness.TickAsync();
        var offer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(offer);

        var tick = await harness.TickAsync();
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(10), tick.NextDueAt);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.TickAsync();

        var attempt = await harness.ReadAsync(unit => unit.Attempts.GetAsync(offer.AttemptId, harness.Ct));
        Assert.Equal((AttemptState.Failed, FailureClass.Timeout, "timed out after 10s"), (attempt.State, attempt.FailureClass, attempt.Outcome));
        var cancel = Assert.Single(runner.Cancels);
        Assert.Equal((offer.AttemptId, offer.Epoch, TimeSpan.FromSeconds(10)), (cancel.AttemptId, cancel.Epoch, cancel.Grace));
        // The runner is still stopping the timed-out attempt: its slot is busy until it reports the end (refused).
        Assert.Empty(runner.TakeNewOffers());
        await Assert.ThrowsAsync<StateConflictException>(() => runner.SucceedAsync(offer));
        await harness.TickAsync();
        var retry = Assert.Single(runner.TakeNewOffers());
        Assert.Equal(2, retry.AttemptNumber);

        await runner.AcceptAsync(retry);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.TickAsync();

        var step = await harness.StepAsync(run, "hang");
        Assert.Equal((StepState.Failed, "timed out after 10s"), (step.State, step.Outcome));
        Assert.Equal(RunState.Failed, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_run_past_its_timeout_fails_and_its_unfinished_steps_are_cancelled()
    {
        await using var harness = await SchedulerHarness.StartAsync(o => o.RunnerLostTimeout = TimeSpan.FromMinutes(10));
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: bounded
            timeout: 1m
            steps:
              - id: long
                run: sleep 600
              - id: later
                needs: [long]
                run: echo later
            """);
        var run = await harness.StartRunAsync("bounded");
        await harness.TickAsync();
        var offer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(offer);
        Assert.Equal(harness.Time.GetUtcNow().AddMinutes(1), (await harness.TickAsync()).NextDueAt);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.TickAsync();

        var finished = await harness.RunAsync(run);
        Assert.Equal(RunState.Failed, finished.State);
        var steps = (await harness.StepsAsync(run)).ToDictionary(s => s.Key);
        Assert.Equal((StepState.Cancelled, "cancelled: the run timed out after 1m"), (steps["long"].State, steps["long"].Outcome));
        Assert.Equal(StepState.Cancelled, steps["later"].State);
        Assert.Equal(offer.AttemptId, Assert.Single(runner.Cancels).AttemptId);
        await Assert.ThrowsAsync<StateConflictException>(() => runner.SucceedAsync(offer));
    }

    [Fact]
    public async Task A_step_timeout_in_a_run_with_retries_left_is_retried_by_its_policy_only_for_timeouts()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: strict
            steps:
              - id: hang
                timeout: 5s
                retry:
                  attempts: 3
                  on: [exit_code]
                run: sleep 100
            """);
        var run = await harness.StartRunAsync("strict");
        await harness.TickAsync();
        await runner.AcceptAsync(Assert.Single(runner.TakeNewOffers()));

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await harness.TickAsync();

        Assert.Equal(StepState.Failed, (await harness.StepAsync(run, "hang")).State);
        Assert.IsType<CancelCommand>(Assert.Single(runner.Received, c => c is CancelCommand));
    }
}
