using System.Diagnostics;
using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Tests.Support;

namespace ControlPlane.Docker.Tests.Containers;

public sealed class StopTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    // The shell runs traps between commands, so the loop sleeps in short steps to notice a signal promptly.
    private const string Loop = "echo ready; while true; do sleep 0.1; done";

    [Fact]
    public async Task A_container_that_handles_SIGTERM_exits_within_the_grace_period()
    {
        await using var started = await StartAsync(docker.Spec($"trap 'echo terminating; exit 0' TERM; {Loop}"));
        var clock = Stopwatch.StartNew();

        await docker.Engine.StopContainerAsync(started.Id, TimeSpan.FromSeconds(20), DockerFixture.Budget());
        var exit = await docker.Engine.WaitContainerAsync(started.Id, DockerFixture.Budget());
        await started.Copy;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("ready\nterminating\n", started.Stdout.Text);
    }

    [Fact]
    public async Task A_container_that_ignores_SIGTERM_is_killed_once_the_grace_period_is_over()
    {
        var grace = TimeSpan.FromSeconds(2);
        await using var started = await StartAsync(docker.Spec($"trap '' TERM; {Loop}"));
        var clock = Stopwatch.StartNew();

        await docker.Engine.StopContainerAsync(started.Id, grace, DockerFixture.Budget());
        var exit = await docker.Engine.WaitContainerAsync(started.Id, DockerFixture.Budget());
        await started.Copy;

        Assert.True(clock.Elapsed >= grace - TimeSpan.FromMilliseconds(200), $"killed after {clock.Elapsed}, before the grace period");
        Assert.True(clock.Elapsed < grace + TimeSpan.FromSeconds(8), $"stopping took {clock.Elapsed}");
        Assert.Equal(137, exit.ExitCode);
    }

    [Fact]
    public async Task The_stop_signal_can_be_chosen_per_container()
    {
        var spec = docker.Spec($"trap 'echo interrupted; exit 130' INT; {Loop}") with { StopSignal = "SIGINT" };
        await using var started = await StartAsync(spec);

        await docker.Engine.StopContainerAsync(started.Id, TimeSpan.FromSeconds(20), DockerFixture.Budget());
        await started.Copy;

        Assert.Equal(130, (await docker.Engine.WaitContainerAsync(started.Id, DockerFixture.Budget())).ExitCode);
        Assert.EndsWith("interrupted\n", started.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_or_killing_a_container_that_is_not_running_does_nothing()
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(docker.Spec("exit 5"), budget);

        await docker.Engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), budget);
        await docker.Engine.KillContainerAsync(id, "SIGKILL", budget);
        await docker.Engine.StartContainerAsync(id, budget);
        await docker.Engine.WaitContainerAsync(id, budget);
        await docker.Engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), budget);
        await docker.Engine.KillContainerAsync(id, "SIGKILL", budget);

        var details = await docker.Engine.InspectContainerAsync(id, budget);
        Assert.Equal(ContainerStatus.Exited, details.Status);
        Assert.Equal(5, details.ExitCode);
    }

    [Fact]
    public async Task Kill_delivers_the_signal_it_is_given()
    {
        await using var started = await StartAsync(docker.Spec($"trap 'echo got-usr1; exit 42' USR1; {Loop}"));

        await docker.Engine.KillContainerAsync(started.Id, "SIGUSR1", DockerFixture.Budget());

        Assert.Equal(42, (await docker.Engine.WaitContainerAsync(started.Id, DockerFixture.Budget())).ExitCode);
    }

    /// <summary>Starts the container with its output attached and returns once it printed "ready" (its trap is set).</summary>
    private async Task<StartedContainer> StartAsync(ContainerSpec spec)
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(spec, budget);
        var output = await docker.Engine.AttachAsync(id, budget);
        await docker.Engine.StartContainerAsync(id, budget);
        var stdout = new WatchedOutput();
        var copy = output.CopyToAsync(stdout, Stream.Null, budget);
        await stdout.WaitForAsync("ready", TimeSpan.FromSeconds(10));
        return new StartedContainer(id, output, stdout, copy);
    }

    private sealed record StartedContainer(string Id, IAsyncDisposable Output, WatchedOutput Stdout, Task Copy) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Output.DisposeAsync();
    }
}
