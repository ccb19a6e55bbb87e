using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Docker.Tests.Containers;

public sealed class ContainerLifecycleTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Create_start_wait_remove_reports_the_exit_code(int exitCode)
    {
        var run = await docker.RunAsync(docker.Spec($"echo done; exit {exitCode}"), DockerFixture.Budget());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("done\n", run.StdoutText);
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => docker.Engine.InspectContainerAsync(run.ContainerId, DockerFixture.Budget()));
    }

    [Fact]
    public async Task Inspect_follows_a_container_from_created_to_running_to_exited()
    {
        var budget = DockerFixture.Budget();
        var spec = docker.Spec("sleep 0.5; exit 7") with { Name = $"cp-test-lifecycle-{Guid.NewGuid():N}" };
        var id = await docker.Engine.CreateContainerAsync(spec, budget);

        var created = await docker.Engine.InspectContainerAsync(id, budget);
        await docker.Engine.StartContainerAsync(id, budget);
        await docker.Engine.StartContainerAsync(id, budget);
        var running = await docker.Engine.InspectContainerAsync(id, budget);
        var exit = await docker.Engine.WaitContainerAsync(id, budget);
        var exited = await docker.Engine.InspectContainerAsync(spec.Name, budget);

        Assert.Equal(ContainerStatus.Created, created.Status);
        Assert.Equal(spec.Name, created.Name);
        Assert.Equal(TestImage.Name, created.Image);
        Assert.False(created.Tty);
        Assert.Equal(DockerFixture.RunId, created.Labels[DockerFixture.RunLabel]);

        Assert.Equal(ContainerStatus.Running, running.Status);
        Assert.True(running.Running);
        Assert.True(running.Pid > 0);
        Assert.NotNull(running.StartedAt);

        Assert.Equal(7, exit.ExitCode);
        Assert.Equal(ContainerStatus.Exited, exited.Status);
        Assert.False(exited.Running);
        Assert.Equal(0, exited.Pid);
        Assert.Equal(7, exited.ExitCode);
        Assert.Equal(id, exited.Id);
        Assert.True(exited.FinishedAt >= exited.StartedAt);
    }

    [Fact]
    public async Task Waiting_for_a_container_that_already_exited_returns_at_once()
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(docker.Spec("exit 4"), budget);
        await docker.Engine.StartContainerAsync(id, budget);
        await docker.Engine.WaitContainerAsync(id, budget);

        var again = await docker.Engine.WaitContainerAsync(id, budget);

        Assert.Equal(4, again.ExitCode);
    }

    [Fact]
    public async Task Operations_on_an_unknown_container_throw_ContainerNotFoundException()
    {
        var budget = DockerFixture.Budget();
        var missing = $"cp-test-missing-{Guid.NewGuid():N}";

        var start = await Assert.ThrowsAsync<ContainerNotFoundException>(() => docker.Engine.StartContainerAsync(missing, budget));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => docker.Engine.WaitContainerAsync(missing, budget));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => docker.Engine.AttachAsync(missing, budget));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => docker.Engine.StopContainerAsync(missing, TimeSpan.FromSeconds(1), budget));

        Assert.Equal(missing, start.ContainerId);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, start.StatusCode);
    }
}
