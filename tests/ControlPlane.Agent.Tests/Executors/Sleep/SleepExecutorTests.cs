using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Sleep;
using ControlPlane.Agent.Tests.Executors.Support;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Executors.Sleep;

public sealed class SleepExecutorTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly StepLogSink _sink = new();

    [Fact]
    public async Task A_sleep_succeeds_once_its_duration_has_passed_and_says_so()
    {
        var running = new SleepExecutor(_clock).RunAsync(Step(TimeSpan.FromMinutes(5)), _sink, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(50);
        Assert.False(running.IsCompleted);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal("Sleeping 300 s\n", _sink.SystemText);
    }

    [Fact]
    public async Task Cancelling_a_sleep_ends_it_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var running = new SleepExecutor(_clock).RunAsync(Step(TimeSpan.FromHours(1)), _sink, cancel.Token);

        await cancel.CancelAsync();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(FailureClass.Cancelled, result.FailureClass);
    }

    [Fact]
    public async Task A_timeout_shorter_than_the_sleep_ends_it_as_timed_out()
    {
        var running = new SleepExecutor(_clock).RunAsync(Step(TimeSpan.FromHours(1)) with { Timeout = TimeSpan.FromSeconds(10) }, _sink, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(10));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(StepOutcome.TimedOut, result.Outcome);
        Assert.Equal(FailureClass.Timeout, result.FailureClass);
    }

    [Fact]
    public async Task A_negative_duration_is_refused()
    {
        var result = await new SleepExecutor(_clock).RunAsync(Step(TimeSpan.FromSeconds(-1)), _sink, CancellationToken.None);

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith("duration", result.Error, StringComparison.Ordinal);
    }

    private static SleepStep Step(TimeSpan duration) => new(new AttemptKey("run-s", "nap", 1), duration);
}
