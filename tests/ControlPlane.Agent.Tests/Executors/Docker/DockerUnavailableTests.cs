using System.Diagnostics;
using System.Net.Sockets;
using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Tests.Executors.Support;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Executors.Docker;

/// <summary>No daemon where the agent looks: every call fails at once with a message that names where it looked.</summary>
public sealed class DockerUnavailableTests : IDisposable
{
    private readonly TempDirectory _dir = new("cp-no-docker");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_socket_path_with_nothing_there_is_a_clear_error_naming_the_path()
    {
        var path = Path.Combine(_dir.Path, "docker.sock");
        using var engine = ContainerEngine.At(new Uri("unix://" + path));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => engine.ImageExistsAsync("alpine:3.20", CancellationToken.None));

        Assert.StartsWith($"inspect image alpine:3.20: the Docker daemon is not answering on unix://{path} (there is no socket at {path}: is dockerd running", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"failing took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_socket_file_that_no_daemon_listens_on_is_a_clear_error_naming_it()
    {
        // A socket file nobody accepts on (as a hung or dying daemon leaves it): connecting is refused. The bound socket
        // is kept open, since closing it removes the file.
        var path = Path.Combine(_dir.Path, "stale.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        using var engine = ContainerEngine.At(new Uri("unix://" + path));

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => engine.ListContainersAsync(new Dictionary<string, string> { ["a"] = "b" }, CancellationToken.None));

        Assert.True(error.Message.StartsWith($"list containers: the Docker daemon is not answering on unix://{path}: ", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain("there is no socket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_docker_step_without_a_daemon_is_an_error_result_naming_the_socket()
    {
        var path = Path.Combine(_dir.Path, "docker.sock");
        using var engine = ContainerEngine.At(new Uri("unix://" + path));
        var executor = new DockerExecutor(engine, new DockerExecutorOptions { WorkDirectory = Path.Combine(_dir.Path, "work") }, TimeProvider.System);
        var sink = new StepLogSink();

        var result = await executor.RunAsync(
            new DockerStep(new AttemptKey("run-u", "step-u", 1), TestImage.Name, "runner-u") { Command = ["true"] },
            sink,
            onStarted: null,
            CancellationToken.None);

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.StartsWith("Docker failed before the container started: inspect image cp-test-busybox:latest: the Docker daemon is not answering on unix://" + path, result.Error, StringComparison.Ordinal);
        Assert.Null(result.ContainerId);
    }

    [Fact]
    public async Task The_janitor_without_a_daemon_fails_with_the_error_the_agent_logs_and_goes_on()
    {
        using var engine = ContainerEngine.At(new Uri("unix://" + Path.Combine(_dir.Path, "docker.sock")));

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => new DockerJanitor(engine, "runner-u").SweepAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("is dockerd running", error.Message, StringComparison.Ordinal);
    }
}
