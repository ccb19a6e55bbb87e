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
                  echo $$ > {{scratch}}/pid-$CP_ATTEMPT
                  wait
            """);
        var runId = await cluster.StartRunAsync(workflow);
        // Under load an offer can expire before its accept arrives and the step is offered again: follow the attempt that runs.
        var running = await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts is [.., { State: AttemptState.Running } last] && PidFiles.Written(scratch, last.Number), RunTimeout, "running");
        var attempt = running.Steps[0].Attempts[^1].Number;
        var group = await PidFiles.ReadAsync(scratch, attempt);
        Assert.NotEmpty(ProcessGroup.LiveMembers(group));

        await cluster.Runs.CancelRunAsync(new CancelRunRequest { RunId = runId });
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Cancelled, run.Run.State);
        Assert.Equal(AttemptState.Cancelled, run.Steps[0].Attempts.Single(a => a.Number == attempt).State);
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
