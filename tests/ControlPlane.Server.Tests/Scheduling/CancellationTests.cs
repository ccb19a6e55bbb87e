using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class CancellationTests
{
    private const string Pipeline = """
        name: pipeline
        steps:
          - id: build
            run: make
          - id: docs
            run: make docs
          - id: test
            needs: [build]
            run: make test
        """;

    [Fact]
    public async Task Cancelling_a_run_cancels_waiting_steps_at_once_and_sends_a_cancel_to_running_attempts()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", 1);
        await harness.ApplyAsync(Pipeline);
        var run = await harness.StartRunAsync("pipeline");
        await harness.TickAsync();
        var build = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(build);

        var cancelling = await harness.Canceller.RequestCancelAsync(run, harness.Ct);

        Assert.Equal(RunState.Cancelling, cancelling.State);
        var steps = (await harness.StepsAsync(run)).ToDictionary(s => s.Key);
        Assert.Equal((StepState.Running, StepState.Cancelled, StepState.Cancelled), (steps["build"].State, steps["docs"].State, steps["test"].State));
        var cancel = Assert.Single(runner.Cancels);
        Assert.Equal((build.AttemptId, build.Epoch), (cancel.AttemptId, cancel.Epoch));

        await runner.CancelledAsync(build);
        await harness.TickAsync();

        Assert.Equal(RunState.Cancelled, (await harness.RunAsync(run)).State);
        Assert.Equal(StepState.Cancelled, (await harness.StepAsync(run, "build")).State);
        Assert.Empty(runner.TakeNewOffers());
    }

    [Fact]
    public async Task A_runner_that_never_confirms_a_cancel_loses_the_attempt_and_the_run_still_ends_cancelled()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1", 1);
        await harness.ApplyAsync(Pipeline);
        var run = await harness.StartRunAsync("pipeline");
        await harness.TickAsync();
        await runner.AcceptAsync(Assert.Single(runner.TakeNewOffers()));
        await harness.Canceller.RequestCancelAsync(run, harness.Ct);

        // The lease outlasts the runner's escalation (SIGINT and SIGTERM graces, 10 s each) plus the lost timeout (15 s),
        // and heartbeats no longer extend it.
        for (var i = 0; i < 6; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(5));
            await runner.HeartbeatAsync();
            await harness.TickAsync();
            Assert.Equal(RunState.Cancelling, (await harness.RunAsync(run)).State);
        }

        for (var i = 0; i < 2; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(5));
            await runner.HeartbeatAsync();
            await harness.TickAsync();
        }

        Assert.Equal(RunState.Cancelled, (await harness.RunAsync(run)).State);
        Assert.All(await harness.StepsAsync(run), s => Assert.Equal(StepState.Cancelled, s.State));
    }

    [Fact]
    public async Task Cancelling_a_queued_run_cancels_it_and_its_steps_at_once_and_repeating_it_changes_nothing()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Pipeline);
        var run = await harness.StartRunAsync("pipeline");

        var cancelled = await harness.Canceller.RequestCancelAsync(run, harness.Ct);
        var again = await harness.Canceller.RequestCancelAsync(run, harness.Ct);

        Assert.Equal((RunState.Cancelled, RunState.Cancelled), (cancelled.State, again.State));
        Assert.All(await harness.StepsAsync(run), s => Assert.Equal(StepState.Cancelled, s.State));
        Assert.Equal(0, (await harness.TickAsync()).Decisions);
    }
}
