using System.Globalization;
using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Faults;

/// <summary>
/// An agent partitioned from the server by a proxy that stops forwarding (sockets stay open, as in a real partition),
/// with the runner-lost timeout (the lease) at 4 s. Shorter than the lease: invisible, the step finishes on the same
/// agent. Longer: the server declares the runner lost and places the step on the other agent, and the partitioned
/// agent fences itself (stops its copy); exactly one success, and the lost attempt's log is a byte-exact prefix.
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output)
{
    private const int Lines = 40;

    // The partitioned copy runs long enough that it cannot finish before the lease runs out, however late the
    // partition starts on a loaded machine; the copy placed again runs the usual length.
    private const int LinesOfFirstAttempt = 150;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public async Task A_partition_shorter_than_the_lease_is_invisible_one_attempt_on_the_same_agent_log_complete(int seed)
    {
        output.WriteLine($"seed {seed} (replay with CP_E2E_SEED={seed})");
        var random = new Random(seed);
        await using var cluster = await Cluster.StartAsync(output);
        await using var proxy = new TcpProxy(cluster.Port);
        var partitioned = await cluster.StartAgentAsync("agent-a", server: proxy.Address);
        var (runId, scratch, _) = await StartStreamingRunAsync(cluster);
        await cluster.StartAgentAsync("agent-b");

        // Heartbeats every 1 s and a 4 s lease: up to 1 s of silence before the pause, so at most 3 s in all.
        var pause = TimeSpan.FromMilliseconds(random.Next(1000, 2000));
        await Task.Delay(random.Next(100, 1500));
        output.WriteLine($"partition for {pause.TotalMilliseconds:F0} ms");
        proxy.Pause();
        await Task.Delay(pause);
        proxy.Resume();
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        RunAssert.EveryStepSucceededExactlyOnce(run);
        var attempt = Assert.Single(RunAssert.Started(run.Steps[0]));
        Assert.Equal(partitioned.Name, attempt.RunnerName);
        Assert.Equal(ExpectedLog, Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "stream")));
        Assert.Single(await File.ReadAllLinesAsync($"{scratch}/finished"));
    }

    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public async Task A_partition_longer_than_the_lease_moves_the_step_to_the_other_agent_and_the_partitioned_copy_stops(int seed)
    {
        output.WriteLine($"seed {seed} (replay with CP_E2E_SEED={seed})");
        var random = new Random(seed);
        await using var cluster = await Cluster.StartAsync(output);
        await using var proxy = new TcpProxy(cluster.Port);
        var partitioned = await cluster.StartAgentAsync("agent-a", server: proxy.Address);
        var (runId, scratch, first) = await StartStreamingRunAsync(cluster, longFirstAttempt: true);
        var survivor = await cluster.StartAgentAsync("agent-b");
        var firstGroup = await PidFiles.ReadAsync(scratch, first);

        var pause = TimeSpan.FromMilliseconds(random.Next(7000, 9000));
        await Task.Delay(random.Next(100, 1500));
        output.WriteLine($"partition for {pause.TotalMilliseconds:F0} ms");
        proxy.Pause();
        var replaced = await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts.Any(a => a.Number > first), RunTimeout, "placed again");
        // The fence stops the partitioned copy while the partition lasts: it cannot tell the server anything.
        await ProcessGroup.WaitUntilGoneAsync(firstGroup, TimeSpan.FromSeconds(30));
        Assert.True(proxy.IsPaused, "the partitioned copy stopped only after the partition ended");
        var remaining = pause - TimeSpan.FromSeconds(4);
        await Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        proxy.Resume();
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);
        // Give the partitioned agent time to reconnect and be told its copy is void; nothing may change after that.
        await partitioned.Process.WaitForLineAsync(l => l.Contains("aborted", StringComparison.Ordinal) || l.Contains("reported and its log acknowledged", StringComparison.Ordinal), "its copy of the attempt settled", TimeSpan.FromSeconds(60));
        run = await cluster.Runs.GetRunAsync(new GetRunRequest { RunId = runId });

        RunAssert.EveryStepSucceededExactlyOnce(run);
        var attempts = RunAssert.Started(run.Steps[0]);
        Assert.Equal(2, attempts.Count);
        Assert.Equal((first, AttemptState.Lost, FailureClass.RunnerLost, partitioned.Name), (attempts[0].Number, attempts[0].State, attempts[0].FailureClass, attempts[0].RunnerName));
        Assert.Equal((AttemptState.Succeeded, survivor.Name), (attempts[1].State, attempts[1].RunnerName));
        Assert.Equal([survivor.Name], await File.ReadAllLinesAsync($"{scratch}/finished"));
        var lost = Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "stream", attemptNumber: first));
        Assert.StartsWith(lost, string.Concat(Enumerable.Range(1, LinesOfFirstAttempt).Select(i => $"line {i}\n")), StringComparison.Ordinal);
        Assert.Equal(ExpectedLog, Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "stream", attemptNumber: attempts[1].Number)));
        Assert.NotNull(replaced);
    }

    private static string ExpectedLog => string.Concat(Enumerable.Range(1, Lines).Select(i => $"line {i}\n"));

    /// <returns>The run, the scratch directory, and the number of the attempt that runs (1 unless an offer expired).</returns>
    private static async Task<(long RunId, string Scratch, int Running)> StartStreamingRunAsync(Cluster cluster, bool longFirstAttempt = false)
    {
        var scratch = cluster.Scratch;
        if (longFirstAttempt)
        {
            await File.WriteAllTextAsync($"{scratch}/long-first", "");
        }

        var workflow = await cluster.ApplyAsync("streaming.yaml", $$"""
            name: streaming
            steps:
              - id: stream
                run: |
                  echo $$ > {{scratch}}/pid-$CP_ATTEMPT
                  lines={{Lines}}; if [ -e {{scratch}}/long-first ] && mkdir {{scratch}}/long-claimed 2>/dev/null; then lines={{LinesOfFirstAttempt}}; fi
                  for i in $(seq 1 $lines); do echo "line $i"; sleep 0.2; done
                  echo "$CP_RUNNER_NAME" >> {{scratch}}/finished
            """);
        var runId = await cluster.StartRunAsync(workflow);
        var running = await cluster.WaitForRunAsync(runId, r => r.Steps[0].Attempts is [.., { State: AttemptState.Running } last] && PidFiles.Written(scratch, last.Number), RunTimeout, "running");
        return (runId, scratch, running.Steps[0].Attempts[^1].Number);
    }
}
