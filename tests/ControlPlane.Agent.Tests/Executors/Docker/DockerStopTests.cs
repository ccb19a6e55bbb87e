using System.Diagnostics;
using ControlPlane.Agent.Executors;

namespace ControlPlane.Agent.Tests.Executors.Docker;

/// <summary>A cancelled container gets SIGTERM, then SIGKILL once the grace (one second in the harness) is over.</summary>
[Trait("Category", "Docker")]
public sealed class DockerStopTests : IAsyncLifetime
{
    // A loop of short sleeps: busybox sh runs a trap only between commands.
    private const string Loop = "echo ready; while true; do sleep 0.1; done";

    private DockerHarness _docker = null!;

    public async Task InitializeAsync() => _docker = await DockerHarness.StartAsync();

    public async Task DisposeAsync() => await _docker.DisposeAsync();

    [Fact]
    public async Task A_container_that_handles_SIGTERM_ends_on_its_own_terms_within_the_grace()
    {
        var (result, stoppedAfter) = await CancelOnceReadyAsync($"trap 'echo terminating; exit 42' TERM; {Loop}");

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(42, result.ExitCode);
        Assert.Equal("ready\nterminating\n", _docker.Sink.StdoutText);
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(10), $"stopping took {stoppedAfter}");
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    [Fact]
    public async Task A_container_that_ignores_SIGTERM_is_killed_once_the_grace_is_over()
    {
        var (result, stoppedAfter) = await CancelOnceReadyAsync($"trap '' TERM; {Loop}");

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(137, result.ExitCode);
        Assert.True(stoppedAfter >= _docker.Options.StopGrace - TimeSpan.FromMilliseconds(200), $"killed after {stoppedAfter}, before the grace");
        Assert.True(stoppedAfter < _docker.Options.StopGrace + TimeSpan.FromSeconds(10), $"stopping took {stoppedAfter}");
        Assert.Contains("SIGKILL after 1 s", _docker.Sink.SystemText, StringComparison.Ordinal);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }

    private async Task<(StepResult Result, TimeSpan StoppedAfter)> CancelOnceReadyAsync(string script)
    {
        using var cancel = new CancellationTokenSource();
        var running = _docker.RunAsync(_docker.Step(script), cancel.Token);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!_docker.Sink.StdoutText.Contains("ready", StringComparison.Ordinal))
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var result = await running;
        return (result, clock.Elapsed);
    }
}
