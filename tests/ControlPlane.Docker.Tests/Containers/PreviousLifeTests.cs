using ControlPlane.Docker.Containers;
using ControlPlane.Docker.Tests.Support;

namespace ControlPlane.Docker.Tests.Containers;

/// <summary>An agent that restarts finds the containers its previous process owned by their labels, and cleans up.</summary>
public sealed class PreviousLifeTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Listing_by_label_finds_the_stopped_and_running_containers_of_a_previous_life()
    {
        var budget = DockerFixture.Budget();
        var owner = new Dictionary<string, string>(docker.Labels) { ["org.controlplane.agent"] = $"agent-{Guid.NewGuid():N}" };
        string exitedId;
        string runningId;
        string strangerId;

        // The previous life: its own client, which is gone by the time the next life looks.
        using (var previous = new DockerEngineClient(new DockerEngineOptions()))
        {
            exitedId = await previous.CreateContainerAsync(docker.Spec("exit 9") with { Labels = owner }, budget);
            await previous.StartContainerAsync(exitedId, budget);
            await previous.WaitContainerAsync(exitedId, budget);
            runningId = await previous.CreateContainerAsync(docker.Spec("sleep 60") with { Labels = owner }, budget);
            await previous.StartContainerAsync(runningId, budget);
            strangerId = await previous.CreateContainerAsync(docker.Spec("true"), budget);
        }

        var found = await docker.Engine.ListContainersAsync(owner, budget);

        Assert.Equal(new[] { exitedId, runningId }.Order(), found.Select(container => container.Id).Order());
        Assert.DoesNotContain(found, container => container.Id == strangerId);
        var exited = Assert.Single(found, container => container.Id == exitedId);
        Assert.Equal(ContainerStatus.Exited, exited.Status);
        Assert.Equal(owner["org.controlplane.agent"], exited.Labels["org.controlplane.agent"]);
        Assert.NotEmpty(exited.Names);
        Assert.Equal(ContainerStatus.Running, Assert.Single(found, container => container.Id == runningId).Status);
        Assert.Equal(9, (await docker.Engine.InspectContainerAsync(exitedId, budget)).ExitCode);

        foreach (var container in found)
        {
            await docker.Engine.RemoveContainerAsync(container.Id, budget);
        }

        Assert.Empty(await docker.Engine.ListContainersAsync(owner, budget));
    }

    [Fact]
    public async Task Removing_is_idempotent_and_forces_a_running_container_out()
    {
        var budget = DockerFixture.Budget();
        var id = await docker.Engine.CreateContainerAsync(docker.Spec("sleep 60"), budget);
        await docker.Engine.StartContainerAsync(id, budget);

        await docker.Engine.RemoveContainerAsync(id, budget);
        await docker.Engine.RemoveContainerAsync(id, budget);
        await docker.Engine.RemoveContainerAsync($"cp-test-never-existed-{Guid.NewGuid():N}", budget);

        await Assert.ThrowsAsync<ControlPlane.Docker.Errors.ContainerNotFoundException>(() => docker.Engine.InspectContainerAsync(id, budget));
    }
}
