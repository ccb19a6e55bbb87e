using ControlPlane.Docker.Containers;
using ControlPlane.Testing;

namespace ControlPlane.Docker.Tests.Support;

/// <summary>
/// One client on the real daemon per test class, with the test image in place. Every container a test creates
/// through <see cref="Spec"/> carries this process's run label and this fixture's own label, and is removed when
/// the class is done (test classes run in parallel, so each removes only its own); containers a crashed earlier run
/// left behind are swept once per process.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string SuiteLabel = "org.controlplane.test-suite";
    public const string RunLabel = "org.controlplane.test-run";
    public const string FixtureLabel = "org.controlplane.test-fixture";
    public const string Suite = "ControlPlane.Docker.Tests";

    /// <summary>Identifies this test process's containers.</summary>
    public static readonly string RunId = Guid.NewGuid().ToString("N");

    private static readonly SemaphoreSlim SweepGate = new(1, 1);
    private static bool _swept;

    public DockerEngineClient Engine { get; } = new(new DockerEngineOptions());

    /// <summary>Labels that mark a container as this fixture's, in this run.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } =
        new Dictionary<string, string> { [SuiteLabel] = Suite, [RunLabel] = RunId, [FixtureLabel] = Guid.NewGuid().ToString("N") };

    /// <summary>A spec for the test image running <paramref name="script"/> with <c>sh -c</c>, labelled as this fixture's.</summary>
    public ContainerSpec Spec(string script) => new()
    {
        Image = TestImage.Name,
        Command = ["/bin/sh", "-c", script],
        Labels = Labels,
    };

    /// <summary>A budget for one test's Docker calls, so a hang fails the test instead of the run.</summary>
    public static CancellationToken Budget(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>The executor's sequence: create, attach, start, copy output while waiting, remove.</summary>
    public async Task<ContainerRun> RunAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var id = await Engine.CreateContainerAsync(spec, cancellationToken);
        try
        {
            using var stdout = new MemoryStream();
            using var stderr = new MemoryStream();
            await using (var output = await Engine.AttachAsync(id, cancellationToken))
            {
                await Engine.StartContainerAsync(id, cancellationToken);
                var copy = output.CopyToAsync(stdout, stderr, cancellationToken);
                var exit = await Engine.WaitContainerAsync(id, cancellationToken);
                await copy;
                return new ContainerRun(id, exit.ExitCode, stdout.ToArray(), stderr.ToArray());
            }
        }
        finally
        {
            await Engine.RemoveContainerAsync(id, CancellationToken.None);
        }
    }

    public async Task InitializeAsync()
    {
        await DockerDaemon.EnsureAvailableAsync();
        await TestImage.EnsureAsync();
        await SweepEarlierRunsAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var container in await Engine.ListContainersAsync(Labels, CancellationToken.None))
            {
                await Engine.RemoveContainerAsync(container.Id, CancellationToken.None);
            }
        }
        finally
        {
            Engine.Dispose();
        }
    }

    private async Task SweepEarlierRunsAsync()
    {
        await SweepGate.WaitAsync();
        try
        {
            if (_swept)
            {
                return;
            }

            var suite = new Dictionary<string, string> { [SuiteLabel] = Suite };
            foreach (var container in await Engine.ListContainersAsync(suite, CancellationToken.None))
            {
                if (container.Labels.GetValueOrDefault(RunLabel) != RunId)
                {
                    await Engine.RemoveContainerAsync(container.Id, CancellationToken.None);
                }
            }

            _swept = true;
        }
        finally
        {
            SweepGate.Release();
        }
    }
}
