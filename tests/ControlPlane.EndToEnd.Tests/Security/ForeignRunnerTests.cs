using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Security;

/// <summary>
/// A runner speaks only for its own attempts. A second registered runner (python3-grpcio) that knows a running
/// attempt's id and lease epoch (both visible to any viewer through GetRun) claims it in its hello and sends every kind
/// of report about it; each is refused, and the real runner's work, log and result stand.
/// </summary>
public sealed class ForeignRunnerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_registered_runner_cannot_accept_reject_start_log_finish_or_reattach_another_runners_attempt()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("victim", labels: ["victim"]);
        var go = Path.Combine(cluster.Scratch, "go");
        var workflow = await cluster.ApplyAsync("release.yaml", $$$"""
            name: release
            steps:
              - id: build
                runs_on: [victim]
                run: |
                  echo "real start"
                  while [ ! -e {{{go}}} ]; do sleep 0.05; done
                  echo "result=real" >> "$CP_OUTPUT"
                  echo "real end"
                outputs: {result: "${{ result.outputs.result }}"}
              - id: deploy
                needs: [build]
                runs_on: [victim]
                run: echo "deploying ${{ steps.build.outputs.result }}"
            """);
        var runId = await cluster.StartRunAsync(workflow);
        // Under load an offer may expire before its accept arrives and be made again: the attempt that runs is the last.
        var running = await cluster.WaitForRunAsync(
            runId,
            r => r.Steps[0].Attempts is [.., { State: AttemptState.Running, LogBytes: >= 11 }],
            RunTimeout,
            "running with its first line stored");
        var held = running.Steps[0].Attempts[^1];
        var attemptsBefore = running.Steps[0].Attempts.Count;
        var logBefore = await cluster.ReadLogAsync(runId, "build");

        var rogue = await RogueRunner.AttackAsync(cluster.Address, Cluster.RegistrationToken, held.Id, held.LeaseEpoch, held.LogBytes);

        var refusal = $"Attempt {held.Id} is not held by runner {rogue.RunnerId}.";
        var aborts = rogue.Of("abort").ToList();
        Assert.True(aborts.Count == 5, rogue.Raw);
        Assert.All(aborts, a => Assert.Equal((held.Id.ToString(), refusal), (a.GetProperty("attemptId").GetString(), a.GetProperty("reason").GetString())));
        var reattach = Assert.Single(Assert.Single(rogue.Of("welcome")).GetProperty("reattached").EnumerateArray());
        Assert.False(reattach.TryGetProperty("resumed", out _), rogue.Raw);
        Assert.Equal($"not held: {refusal}", reattach.GetProperty("reason").GetString());
        Assert.Empty(rogue.Of("offer"));

        var after = await cluster.Runs.GetRunAsync(new GetRunRequest { RunId = runId });
        Assert.Equal(attemptsBefore, after.Steps[0].Attempts.Count);
        var attempt = after.Steps[0].Attempts[^1];
        Assert.Equal((AttemptState.Running, held.LeaseEpoch, held.RunnerId, held.LogBytes, false), (attempt.State, attempt.LeaseEpoch, attempt.RunnerId, attempt.LogBytes, attempt.LogComplete));
        Assert.Equal(StepState.Running, after.Steps[0].State);
        Assert.Empty(after.Steps[0].Outputs);
        Assert.Equal(logBefore, await cluster.ReadLogAsync(runId, "build"));

        await File.WriteAllTextAsync(go, "");
        var ended = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, ended.Run.State);
        Assert.Equal("real", ended.Steps[0].Outputs["result"]);
        Assert.Equal(attemptsBefore, ended.Steps[0].Attempts.Count);
        Assert.Equal(held.Id, ended.Steps[0].Attempts[^1].Id);
        var buildLog = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "build"));
        Assert.Contains("real start\n", buildLog);
        Assert.Contains("real end\n", buildLog);
        Assert.DoesNotContain("forged", buildLog);
        Assert.True(ended.Steps[0].Attempts[^1].LogComplete);
        Assert.Contains("deploying real", Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "deploy")));
        var events = await cluster.EventsAsync(runId);
        Assert.DoesNotContain(events, e => e.AttemptId == held.Id && e.Kind == "lease_granted" && e.DataJson.Contains("replaces", StringComparison.Ordinal));
        Assert.Equal(
            ["offered", "running", "succeeded"],
            events.Where(e => e.Entity == "attempt" && e.AttemptId == held.Id && e.ToState != "").Select(e => e.ToState));
    }
}
