using System.Diagnostics;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Executors.Docker;

/// <summary>Images a step names: present, absent, and pulls that cannot succeed.</summary>
[Trait("Category", "Docker")]
public sealed class DockerImageTests : IAsyncLifetime
{
    private DockerHarness _docker = null!;

    public async Task InitializeAsync() => _docker = await DockerHarness.StartAsync();

    public async Task DisposeAsync() => await _docker.DisposeAsync();

    [Theory]
    [InlineData("alpine", "alpine:latest")]
    [InlineData("alpine:3.20", "alpine:3.20")]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app:latest")]
    [InlineData("localhost:5000/team/app:v2", "localhost:5000/team/app:v2")]
    [InlineData("alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_reference_without_a_tag_or_digest_pulls_latest_not_every_tag(string image, string pulled)
    {
        Assert.Equal(pulled, ContainerEngine.WithDefaultTag(image));
    }

    [Fact]
    public async Task The_test_image_exists_and_one_never_pulled_does_not()
    {
        Assert.True(await _docker.Engine.ImageExistsAsync(TestImage.Name, CancellationToken.None));
        Assert.False(await _docker.Engine.ImageExistsAsync($"cp-test-never-pulled-{Guid.NewGuid():N}:1.0", CancellationToken.None));
    }

    [Theory]
    [InlineData("127.0.0.1:1/cp-test/missing:latest")]
    [InlineData("controlplane-tests/does-not-exist-8d1f7a")]
    public async Task Pulling_an_image_that_cannot_be_had_fails_quickly_naming_the_image(string image)
    {
        // A registry that refuses connections, and Docker Hub (unreachable here; elsewhere the name does not exist).
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ImagePullException>(() => _docker.Engine.PullImageAsync(image, _ => { }, CancellationToken.None));

        Assert.Equal(image, error.Image);
        Assert.StartsWith($"Pulling image '{image}' failed: ", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.DoesNotContain("{", error.Reason, StringComparison.Ordinal); // the daemon's message, not its JSON body
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the pull took {clock.Elapsed}");
        Assert.False(await _docker.Engine.ImageExistsAsync(image, CancellationToken.None));
    }

    [Fact]
    public async Task A_step_whose_image_does_not_exist_anywhere_fails_with_an_error_naming_the_image_and_leaves_nothing()
    {
        var image = $"cp-test-nonexistent-{Guid.NewGuid():N}";

        var result = await _docker.RunAsync(_docker.Step("true") with { Image = image, Pull = PullPolicy.IfMissing });

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith($"Pulling image '{image}' failed: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Pulling image {image}\n", _docker.Sink.SystemText, StringComparison.Ordinal);
        Assert.Null(result.ContainerId);
        Assert.Empty(await _docker.ContainersLeftAsync());
    }
}
