using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

public sealed class AgentFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public async Task An_agent_killed_mid_step_is_declared_lost_and_the_step_succeeds_once_on_the_other_agent(int seed)
    {
        output.WriteLine($"seed {seed} (replay with CP_E2E_SEED={seed})");
        var random = new Random(seed);
        await using var cluster = await Cluster.StartAsync(output);
        var agents = new[] { await cluster.StartAgentAsync("agent-a"), await cluster.StartAgentAsync("agent-b") };
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("long.yaml", $$"""
            name: long
            steps:
              - id: work
                run: |
                  echo "$CP_RUNNER_NAME" >> {{scratch}}/started
                  for i in $(seq 1 30); do echo "tick $i"; sleep 0.1; done
                  echo "$CP_RUNNER_NAME" >> {{scratch}}/finished
            """);
        var runId = await cluster.StartRunAsync(workflow);
        var running = await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts is [.., { State: AttemptState.Running }] && File.Exists($"{scratch}/started"), RunTimeout, "running");
        var victim = agents.Single(a => a.Name == running.Steps[0].Attempts[^1].RunnerName);
        var survivor = agents.Single(a => a != victim);

        await Task.Delay(random.Next(0, 2000));
        var killedAt = DateTimeOffset.UtcNow;
        await cluster.KillAgentAsync(victim);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        RunAssert.EveryStepSucceededExactlyOnce(run);
        var attempts = RunAssert.Started(run.Steps[0]);
        Assert.Equal(2, attempts.Count);
        Assert.Equal((AttemptState.Lost, FailureClass.RunnerLost), (attempts[0].State, attempts[0].FailureClass));
        Assert.Equal((AttemptState.Succeeded, survivor.Name), (attempts[1].State, attempts[1].RunnerName));
        Assert.Equal([survivor.Name], await File.ReadAllLinesAsync($"{scratch}/finished"));
        Assert.Equal(2, (await File.ReadAllLinesAsync($"{scratch}/started")).Length);
        // Measured from the stored events, not asserted tightly: the lease (4 s) runs from the last heartbeat the server
        // received (about 1 s or more before the kill) and the scheduler notices on its next tick; 5 s of tolerance
        // covers a loaded machine.
        var declaredLost = attempts[0].FinishedAt.ToDateTimeOffset() - killedAt;
        output.WriteLine($"declared lost {declaredLost.TotalSeconds:F2} s after kill -9 (runner lost timeout 4 s); placed again {(attempts[1].OfferedAt.ToDateTimeOffset() - killedAt).TotalSeconds:F2} s after");
        Assert.InRange(declaredLost, TimeSpan.Zero, TimeSpan.FromSeconds(4 + 5));
    }

    [Fact]
    public async Task An_agent_restarted_while_a_step_runs_stops_the_orphan_reports_it_lost_and_the_retry_succeeds()
    {
        await using var cluster = await Cluster.StartAsync(output);
        var agent = await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("restartable.yaml", $$"""
            name: restartable
            steps:
              - id: work
                run: |
                  if [ "$CP_ATTEMPT" = 1 ]; then echo $$ > {{scratch}}/pid; sleep 600; fi
                  echo "finished attempt $CP_ATTEMPT"
            """);
        var runId = await cluster.StartRunAsync(workflow);
        // Running as the server knows it too: a kill between the process start and the server recording the start
        // would make attempt 1 an expired offer (the server never heard it was taken), not a lost runner's attempt.
        await cluster.WaitForRunAsync(
            runId,
            r => File.Exists($"{scratch}/pid") && new FileInfo($"{scratch}/pid").Length > 0 && RunAssert.Started(r.Steps[0]).Count == 1,
            RunTimeout,
            "running, and its start recorded");
        var pid = int.Parse((await File.ReadAllTextAsync($"{scratch}/pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await cluster.KillAgentAsync(agent);
        await ProcessGroup.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(10));
        await cluster.StartAgentAsync("agent-1");
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var attempts = run.Steps[0].Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.NotEqual(AttemptState.Succeeded, attempts[0].State);
        Assert.Equal(FailureClass.RunnerLost, attempts[0].FailureClass);
        Assert.Equal(AttemptState.Succeeded, attempts[1].State);
    }

    [Fact]
    public async Task Sigterm_drains_the_agent_it_finishes_its_step_reports_it_and_exits_cleanly()
    {
        await using var cluster = await Cluster.StartAsync(output);
        var agent = await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("drained.yaml", $$"""
            name: drained
            steps:
              - id: work
                run: |
                  touch {{scratch}}/started
                  sleep 2
                  echo "finished"
            """);
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => File.Exists($"{scratch}/started"), RunTimeout, "running");

        agent.Process.Signal(15);
        var exitCode = await agent.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var run = await cluster.WaitForRunEndAsync(runId, TimeSpan.FromSeconds(10));

        Assert.Equal(0, exitCode);
        Assert.Equal(RunState.Succeeded, run.Run.State);
        Assert.Single(run.Steps[0].Attempts);
        Assert.True(run.Steps[0].Attempts[0].LogComplete);
    }

    [Fact]
    public async Task A_second_sigterm_cancels_the_running_step_reports_it_and_exits()
    {
        await using var cluster = await Cluster.StartAsync(output);
        var agent = await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("endless.yaml", $$"""
            name: endless
            steps:
              - id: work
                run: |
                  echo $$ > {{scratch}}/pid-$CP_ATTEMPT
                  sleep 600
            """);
        var runId = await cluster.StartRunAsync(workflow);
        // Under load an offer can expire before its accept arrives and be made again: the attempt that runs is the last,
        // and each attempt writes its own pid file.
        var running = await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts is [.., { State: AttemptState.Running } last] && PidFiles.Written(scratch, last.Number), RunTimeout, "running");
        var attempt = running.Steps[0].Attempts[^1];
        var group = await PidFiles.ReadAsync(scratch, attempt.Number);

        agent.Process.Signal(15);
        await agent.Process.WaitForLineAsync(l => l.Contains("Draining", StringComparison.Ordinal), "'Draining'", TimeSpan.FromSeconds(30));
        Assert.NotEmpty(ProcessGroup.LiveMembers(group));
        agent.Process.Signal(15);
        var exitCode = await agent.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var run = await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts.Single(a => a.Id == attempt.Id).State != AttemptState.Running, TimeSpan.FromSeconds(30), "the attempt reported");

        var reported = run.Steps[0].Attempts.Single(a => a.Id == attempt.Id);
        Assert.Equal(0, exitCode);
        Assert.Empty(ProcessGroup.LiveMembers(group));
        Assert.Equal(AttemptState.Cancelled, reported.State);
        Assert.Contains("cancelled by the runner", reported.Outcome, StringComparison.Ordinal);
        Assert.True(reported.LogComplete);
    }
}
