using ControlPlane.Core.Runs;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

/// <summary>The hosted loop: it wakes on signals and on the earliest due timer of the injected clock, never by polling.</summary>
public class DispatchLoopTests
{
    [Fact]
    public async Task The_loop_wakes_for_a_new_run_and_for_a_finished_step_and_drives_the_run_to_the_end()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var loop = await harness.StartLoopAsync();
        var runner = await harness.RunnerAsync("r1");
        await harness.ApplyAsync("""
            name: two
            steps:
              - id: first
                run: ./first
              - id: second
                needs: [first]
                run: ./second
            """);
        try
        {
            var run = await harness.StartRunAsync("two");

            var first = Assert.IsType<OfferCommand>(await runner.Session.Commands.ReadAsync(harness.Ct));
            await runner.RunAsync(first);
            var second = Assert.IsType<OfferCommand>(await runner.Session.Commands.ReadAsync(harness.Ct));
            await runner.RunAsync(second);

            Assert.Equal(("first", "second"), (first.StepKey, second.StepKey));
            await loop.StopAsync(CancellationToken.None);
            await harness.SettleAsync();
            Assert.Equal(RunState.Succeeded, (await harness.RunAsync(run)).State);
        }
        finally
        {
            await loop.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_loop_wakes_when_the_clock_reaches_a_lease_expiry_and_retries_the_step_elsewhere()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        var loop = await harness.StartLoopAsync();
        var lost = await harness.RunnerAsync("lost");
        await harness.ApplyAsync("""
            name: one
            steps:
              - id: only
                run: ./only
            """);
        try
        {
            await harness.StartRunAsync("one");
            var offer = Assert.IsType<OfferCommand>(await lost.Session.Commands.ReadAsync(harness.Ct));
            await lost.AcceptAsync(offer);
            var healthy = await harness.RunnerAsync("healthy");

            harness.Time.Advance(TimeSpan.FromSeconds(10));
            await healthy.HeartbeatAsync();
            harness.Time.Advance(TimeSpan.FromSeconds(6));
            await lost.Session.Commands.Completion.WaitAsync(harness.Ct);
            harness.Time.Advance(TimeSpan.FromSeconds(1));

            var retry = Assert.IsType<OfferCommand>(await healthy.Session.Commands.ReadAsync(harness.Ct));
            Assert.Equal((offer.StepId, 2), (retry.StepId, retry.AttemptNumber));
        }
        finally
        {
            await loop.StopAsync(CancellationToken.None);
        }
    }
}
