using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class RetryTimingTests
{
    private const string Flaky = """
        name: flaky
        steps:
          - id: fetch
            retry:
              attempts: 3
              initial_backoff: 5s
              factor: 2
            run: curl example.com
        """;

    [Fact]
    public async Task A_retry_is_not_offered_before_not_before_and_is_offered_at_it()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(Flaky);
        var run = await harness.StartRunAsync("flaky");
        await harness.TickAsync();
        var first = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(first);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await runner.FailAsync(first);

        var waiting = await harness.StepAsync(run, "fetch");
        Assert.Equal(StepState.WaitingForRetry, waiting.State);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(5), waiting.NotBefore);
        Assert.Equal("retry 1 not before 00:00:07Z", waiting.PendingReason);

        var tick = await harness.TickAsync();
        Assert.Equal(waiting.NotBefore, tick.NextDueAt);
        harness.Time.Advance(TimeSpan.FromMilliseconds(4_999));
        await harness.TickAsync();
        Assert.Empty(runner.TakeNewOffers());

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        await harness.TickAsync();
        var second = Assert.Single(runner.TakeNewOffers());
        Assert.Equal((first.StepId, 2), (second.StepId, second.AttemptNumber));
        Assert.True(second.Epoch > first.Epoch);
    }

    [Fact]
    public async Task Backoff_grows_and_the_step_fails_when_the_attempts_are_spent()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync(Flaky);
        var run = await harness.StartRunAsync("flaky");
        var waits = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await harness.TickAsync();
            var offer = Assert.Single(runner.TakeNewOffers());
            await runner.AcceptAsync(offer);
            await runner.FailAsync(offer, exitCode: 7);
            if (await harness.StepAsync(run, "fetch") is { NotBefore: { } notBefore })
            {
                waits.Add(notBefore - harness.Time.GetUtcNow());
                harness.Time.AdvanceTo(notBefore);
            }
        }

        await harness.TickAsync();

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], waits);
        var step = await harness.StepAsync(run, "fetch");
        Assert.Equal((StepState.Failed, "exited with code 7"), (step.State, step.Outcome));
        Assert.Equal(RunState.Failed, (await harness.RunAsync(run)).State);
    }

    [Fact]
    public async Task A_failure_outside_retry_on_fails_at_once()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: picky
            steps:
              - id: fetch
                retry:
                  attempts: 3
                  on: [exit_code]
                  exit_codes: [75]
                run: curl example.com
            """);
        var run = await harness.StartRunAsync("picky");
        await harness.TickAsync();
        var offer = Assert.Single(runner.TakeNewOffers());
        await runner.AcceptAsync(offer);

        await runner.FailAsync(offer, exitCode: 1);

        Assert.Equal(StepState.Failed, (await harness.StepAsync(run, "fetch")).State);
    }
}
