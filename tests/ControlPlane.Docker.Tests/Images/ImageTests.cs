using System.Diagnostics;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Docker.Tests.Images;

public sealed class ImageTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task The_test_image_exists()
    {
        Assert.True(await docker.Engine.ImageExistsAsync(TestImage.Name, DockerFixture.Budget()));
    }

    [Fact]
    public async Task An_image_that_was_never_pulled_does_not_exist()
    {
        Assert.False(await docker.Engine.ImageExistsAsync($"cp-test-never-pulled-{Guid.NewGuid():N}:1.0", DockerFixture.Budget()));
    }

    [Fact]
    public async Task An_image_named_with_a_registry_port_and_path_is_found()
    {
        var alias = $"localhost:5000/cp-test/alias-{Guid.NewGuid():N}";
        var prefix = await DockerDaemon.GetApiPrefixAsync();
        using var http = DockerDaemon.CreateHttpClient();
        using (var tagged = await http.PostAsync($"{prefix}images/{TestImage.Name}/tag?repo={Uri.EscapeDataString(alias)}&tag=v1", content: null))
        {
            tagged.EnsureSuccessStatusCode();
        }

        try
        {
            Assert.True(await docker.Engine.ImageExistsAsync(alias + ":v1", DockerFixture.Budget()));
            Assert.False(await docker.Engine.ImageExistsAsync(alias + ":v2", DockerFixture.Budget()));
        }
        finally
        {
            (await http.DeleteAsync($"{prefix}images/{Uri.EscapeDataString(alias + ":v1")}")).Dispose();
        }
    }

    [Theory]
    [InlineData("127.0.0.1:1/cp-test/missing:latest")]
    [InlineData("controlplane-tests/does-not-exist-8d1f7a:latest")]
    public async Task Pulling_an_image_that_cannot_be_had_fails_quickly_with_ImagePullException(string image)
    {
        // A registry that refuses connections, and Docker Hub (unreachable here; elsewhere the name does not exist).
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ImagePullException>(() => docker.Engine.PullImageAsync(image, progress: null, DockerFixture.Budget(60)));

        Assert.Equal(image, error.Image);
        Assert.False(string.IsNullOrWhiteSpace(error.DaemonMessage));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the pull took {clock.Elapsed}");
        Assert.False(await docker.Engine.ImageExistsAsync(image, DockerFixture.Budget()));
    }

    [Fact]
    public async Task Creating_a_container_from_a_missing_image_throws_ImageNotFoundException()
    {
        var spec = docker.Spec("true") with { Image = "cp-test-never-pulled:1.0" };

        var error = await Assert.ThrowsAsync<ImageNotFoundException>(() => docker.Engine.CreateContainerAsync(spec, DockerFixture.Budget()));

        Assert.Equal("cp-test-never-pulled:1.0", error.Image);
        Assert.Contains("No such image", error.DaemonMessage, StringComparison.OrdinalIgnoreCase);
    }
}
