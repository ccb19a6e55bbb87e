using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Tests.Executors.Support;
using ControlPlane.Testing;
using Docker.DotNet;

namespace ControlPlane.Agent.Tests.Executors.Docker;

/// <summary>
/// The real daemon with the test image, a work directory, and a docker executor with a one-second stop grace and no
/// network. Each harness is a runner of its own name, so its containers are found (and removed on dispose) by label.
/// </summary>
internal sealed class DockerHarness : IAsyncDisposable
{
    private static int _nextAttempt;
    private readonly TempDirectory _work = new("cp-agent-docker");

    private DockerHarness()
    {
        Options = new DockerExecutorOptions
        {
            WorkDirectory = _work.Path,
            StopGrace = TimeSpan.FromSeconds(1),
            OutputDrainTimeout = TimeSpan.FromSeconds(10),
            NetworkMode = "none",
        };
        Executor = new DockerExecutor(Engine, Options, TimeProvider.System);
    }

    public ContainerEngine Engine { get; } = ContainerEngine.At(DockerDaemon.Endpoint);

    /// <summary>Docker.DotNet's own client, to look at containers independently of the agent's seam.</summary>
    public DockerClient Daemon { get; } = DockerDaemon.CreateClient();

    public DockerExecutorOptions Options { get; }

    public DockerExecutor Executor { get; }

    public string RunnerName { get; } = "test-runner-" + Guid.NewGuid().ToString("N")[..12];

    public StepLogSink Sink { get; } = new();

    public static async Task<DockerHarness> StartAsync()
    {
        await DockerDaemon.EnsureAvailableAsync();
        await TestImage.EnsureAsync();
        return new DockerHarness();
    }

    /// <summary>A step of this runner running <paramref name="script"/> with the test image's <c>sh -c</c>.</summary>
    public DockerStep Step(string script) =>
        new(new AttemptKey("run-d", "step-d", Interlocked.Increment(ref _nextAttempt)), TestImage.Name, RunnerName)
        {
            Command = ["/bin/sh", "-c", script],
            Pull = PullPolicy.Never,
        };

    public Task<StepResult> RunAsync(DockerStep step, CancellationToken cancellationToken = default) =>
        RunAsync(step, onStarted: null, cancellationToken);

    public async Task<StepResult> RunAsync(DockerStep step, Func<string, CancellationToken, ValueTask>? onStarted, CancellationToken cancellationToken = default)
    {
        var result = await Executor.RunAsync(step, Sink, onStarted, cancellationToken).WaitAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
        Assert.False(Sink.OverlappingCallSeen, "the sink was called concurrently");
        return result;
    }

    public string WorkspaceOf(DockerStep step) => Path.Combine(Options.WorkDirectory, step.Attempt.RelativePath, "workspace");

    /// <summary>This runner's containers that still exist.</summary>
    public async Task<IReadOnlyList<string>> ContainersLeftAsync() =>
        [.. (await Engine.ListContainersAsync(DockerLabels.OfRunner(RunnerName), CancellationToken.None)).Select(c => c.ID)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var id in await ContainersLeftAsync())
            {
                await Engine.RemoveContainerAsync(id, CancellationToken.None);
            }
        }
        finally
        {
            Engine.Dispose();
            Daemon.Dispose();

            // Files a container wrote as root are the agent's to delete here (tests run as root); if not, the OS cleans up.
            _work.Dispose();
        }
    }
}
