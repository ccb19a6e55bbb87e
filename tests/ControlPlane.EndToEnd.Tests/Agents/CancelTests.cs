using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

public sealed class CancelTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Cancelling_a_run_stops_its_shell_step_and_every_process_of_the_step()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("stubborn.yaml", $$"""
            name: stubborn
            steps:
              - id: work
                run: |
                  sleep 600 &
                  ( trap '' INT TERM; sleep 600 ) &
                  echo $$ > {{scratch}}/pid
                  wait
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => File.Exists($"{scratch}/pid") && new FileInfo($"{scratch}/pid").Length > 0, RunTimeout, "running");
        var group = int.Parse((await File.ReadAllTextAsync($"{scratch}/pid")).Trim(), CultureInfo.InvariantCulture);
        Assert.NotEmpty(ProcessGroup.LiveMembers(group));

        await cluster.Runs.CancelRunAsync(new CancelRunRequest { RunId = runId });
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Cancelled, run.Run.State);
        Assert.Equal(AttemptState.Cancelled, run.Steps[0].Attempts[0].State);
        Assert.Empty(ProcessGroup.LiveMembers(group));
    }

    [Fact]
    public async Task Cancelling_a_run_stops_and_removes_its_container()
    {
        await TestImage.EnsureAsync();
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("sleeper.yaml", $$"""
            name: sleeper
            steps:
              - id: nap
                docker:
                  image: {{TestImage.Name}}
                  pull: never
                  command: ["sleep", "600"]
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => DockerCli.ContainersOfRun(runId).Count > 0, RunTimeout, "running in a container");

        await cluster.Runs.CancelRunAsync(new CancelRunRequest { RunId = runId });
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Cancelled, run.Run.State);
        Assert.Empty(DockerCli.ContainersOfRun(runId));
    }
}
