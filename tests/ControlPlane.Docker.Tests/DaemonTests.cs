using System.Diagnostics;
using ControlPlane.Docker.Errors;
using ControlPlane.Docker.Tests.Support;

namespace ControlPlane.Docker.Tests;

public sealed class DaemonTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task The_daemon_answers_a_ping()
    {
        await docker.Engine.PingAsync(DockerFixture.Budget());
    }

    [Fact]
    public async Task The_version_names_an_api_of_1_41_or_newer()
    {
        var version = await docker.Engine.GetVersionAsync(DockerFixture.Budget());

        Assert.Equal("linux", version.Os);
        Assert.True(Version.Parse(version.ApiVersion) >= new Version(1, 41), $"API {version.ApiVersion}");
        Assert.False(string.IsNullOrEmpty(version.Version));
    }

    [Fact]
    public async Task A_socket_that_does_not_exist_is_DockerUnavailableException_for_every_call()
    {
        var path = $"/tmp/cp-no-docker-{Guid.NewGuid():N}.sock";
        using var engine = new DockerEngineClient(new DockerEngineOptions { SocketPath = path });
        var clock = Stopwatch.StartNew();

        var ping = await Assert.ThrowsAsync<DockerUnavailableException>(() => engine.PingAsync(DockerFixture.Budget()));
        var inspect = await Assert.ThrowsAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("any", DockerFixture.Budget()));

        Assert.Equal(path, ping.SocketPath);
        Assert.Contains(path, inspect.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"failing took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(null, "/var/run/docker.sock")]
    [InlineData("", "/var/run/docker.sock")]
    [InlineData("unix:///run/user/1000/docker.sock", "/run/user/1000/docker.sock")]
    public void The_socket_comes_from_DOCKER_HOST_when_it_names_one(string? dockerHost, string socketPath)
    {
        Assert.Equal(socketPath, DockerEngineOptions.SocketPathFromDockerHost(dockerHost));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:2375")]
    [InlineData("ssh://builder@host")]
    [InlineData("unix://")]
    public void A_DOCKER_HOST_that_is_not_a_unix_socket_is_refused(string dockerHost)
    {
        Assert.Throws<NotSupportedException>(() => DockerEngineOptions.SocketPathFromDockerHost(dockerHost));
    }

    [Fact]
    public void A_relative_socket_path_is_refused_when_the_client_is_built()
    {
        Assert.Throws<ArgumentException>(() => new DockerEngineClient(new DockerEngineOptions { SocketPath = "docker.sock" }));
    }
}
