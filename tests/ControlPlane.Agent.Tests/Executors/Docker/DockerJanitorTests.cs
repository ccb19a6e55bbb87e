using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Testing;
using Docker.DotNet.Models;

namespace ControlPlane.Agent.Tests.Executors.Docker;

[Trait("Category", "Docker")]
public sealed class DockerJanitorTests : IAsyncLifetime
{
    private DockerHarness _docker = null!;
    private DockerHarness _otherRunner = null!;

    public async Task InitializeAsync()
    {
        _docker = await DockerHarness.StartAsync();
        _otherRunner = await DockerHarness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _docker.DisposeAsync();
        await _otherRunner.DisposeAsync();
    }

    [Fact]
    public async Task The_sweep_removes_this_runners_leftovers_running_or_not_and_leaves_other_runners_containers_alone()
    {
        var running = new AttemptKey("run-j", "build", 2);
        var created = new AttemptKey("run-j", "test", 1);
        var runningId = await CreateAsync(_docker.RunnerName, running, start: true);
        var createdId = await CreateAsync(_docker.RunnerName, created, start: false);
        var strangerId = await CreateAsync(_otherRunner.RunnerName, new AttemptKey("run-x", "deploy", 1), start: true);

        var removed = await new DockerJanitor(_docker.Engine, _docker.RunnerName).SweepAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(
            new[] { (runningId, running, "running"), (createdId, created, "created") }.OrderBy(c => c.Item1),
            removed.Select(c => (c.ContainerId, c.Attempt!, c.State)).OrderBy(c => c.ContainerId));
        Assert.Empty(await _docker.ContainersLeftAsync());
        Assert.Equal([strangerId], await _otherRunner.ContainersLeftAsync());
    }

    [Fact]
    public async Task A_sweep_with_nothing_left_removes_nothing()
    {
        var removed = await new DockerJanitor(_docker.Engine, _docker.RunnerName).SweepAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Empty(removed);
    }

    private async Task<string> CreateAsync(string runner, AttemptKey attempt, bool start)
    {
        var id = await _docker.Engine.CreateContainerAsync(
            new CreateContainerParameters { Image = TestImage.Name, Cmd = ["/bin/sleep", "600"], Labels = DockerLabels.For(runner, attempt), HostConfig = new HostConfig { NetworkMode = "none" } },
            CancellationToken.None);
        if (start)
        {
            await _docker.Engine.StartContainerAsync(id, CancellationToken.None);
        }

        return id;
    }
}
