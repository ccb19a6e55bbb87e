using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

/// <summary>
/// A step past its timeout fails at once on the server, but its runner still needs the cancel graces to stop a
/// script that traps SIGINT and SIGTERM: until the runner reports the step gone, its slot is busy, so work queued
/// meanwhile is offered once (not rejected again and again) and never runs beside the stopping step.
/// </summary>
public sealed class StepTimeoutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Work_queued_behind_a_timed_out_step_that_traps_term_is_offered_once_and_only_after_the_step_is_gone()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var scratch = cluster.Scratch;
        var slow = await cluster.ApplyAsync("slow.yaml", $$"""
            name: slow
            steps:
              - id: hang
                timeout: 1s
                run: |
                  trap '' INT TERM
                  echo $$ > {{scratch}}/pid
                  sleep 600 &
                  wait
            """);
        var quick = await cluster.ApplyAsync("quick.yaml", $$"""
            name: quick
            steps:
              - id: work
                run: |
                  if kill -0 "$(cat {{scratch}}/pid)" 2>/dev/null; then echo overlap > {{scratch}}/overlap; fi
            """);
        var slowRun = await cluster.StartRunAsync(slow);
        await cluster.WaitForRunAsync(slowRun, _ => File.Exists($"{scratch}/pid") && new FileInfo($"{scratch}/pid").Length > 0, RunTimeout, "running");
        var group = int.Parse((await File.ReadAllTextAsync($"{scratch}/pid")).Trim(), CultureInfo.InvariantCulture);
        var quickRun = await cluster.StartRunAsync(quick);

        var slowEnd = await cluster.WaitForRunEndAsync(slowRun, RunTimeout);
        var quickEnd = await cluster.WaitForRunEndAsync(quickRun, RunTimeout);

        Assert.Equal(RunState.Failed, slowEnd.Run.State);
        Assert.Equal(RunState.Succeeded, quickEnd.Run.State);
        Assert.Single(quickEnd.Steps[0].Attempts);
        Assert.False(File.Exists($"{scratch}/overlap"), "the queued step ran while the timed-out step's group was still alive");
        Assert.Empty(ProcessGroup.LiveMembers(group));
    }
}
