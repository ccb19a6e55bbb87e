using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Faults;

/// <summary>Cancelling a run with a stubborn shell step and a Docker step running at once leaves nothing running.</summary>
public sealed class MixedCancelTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Cancelling_a_run_with_shell_and_docker_steps_running_leaves_no_process_and_no_container()
    {
        await TestImage.EnsureAsync();
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1", capacity: 2);
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("mixed.yaml", $$"""
            name: mixed
            steps:
              - id: shell
                run: |
                  trap 'echo got INT' INT
                  ( trap '' INT TERM; sleep 600 ) &
                  echo $$ > {{scratch}}/pid
                  while true; do sleep 0.1 || true; done
              - id: boxed
                docker:
                  image: {{TestImage.Name}}
                  pull: never
                  command: ["sh", "-c", "trap '' INT TERM; sleep 600"]
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => File.Exists($"{scratch}/pid") && new FileInfo($"{scratch}/pid").Length > 0 && DockerCli.ContainersOfRun(runId).Count > 0, RunTimeout, "running in a shell and a container");
        var group = int.Parse((await File.ReadAllTextAsync($"{scratch}/pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.NotEmpty(ProcessGroup.LiveMembers(group));

        await cluster.Runs.CancelRunAsync(new CancelRunRequest { RunId = runId });
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Cancelled, run.Run.State);
        // An offer the busy agent took too long to accept may have expired first; what counts is the last attempt.
        Assert.All(run.Steps, s => Assert.Equal(AttemptState.Cancelled, s.Attempts[^1].State));
        Assert.Empty(ProcessGroup.LiveMembers(group));
        Assert.Empty(DockerCli.ContainersOfRun(runId));
    }
}
