using System.Diagnostics;
using System.Text;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Faults;

/// <summary>
/// kill -9 of the server at seeded moments while a 100-step fan-out/fan-in workflow runs on two agents, restarted each
/// time on the same data directory: every step succeeds once, its side effect happens once, every log is byte-exact.
/// </summary>
public sealed class ServerKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Theory]
    [MemberData(nameof(Seeds.All), MemberType = typeof(Seeds))]
    public async Task Server_killed_at_random_moments_during_a_fanout_loses_nothing_and_runs_nothing_twice(int seed)
    {
        output.WriteLine($"seed {seed} (replay with CP_E2E_SEED={seed})");
        var random = new Random(seed);
        // A lease well above a restart's duration on a loaded machine: a restart must be invisible to the agents.
        await using var cluster = await Cluster.StartAsync(output, "--runner-lost-timeout", "15s");
        await cluster.StartAgentAsync("agent-a", capacity: 4);
        await cluster.StartAgentAsync("agent-b", capacity: 4);
        var fanout = new Fanout(seed, width: 98, Path.Combine(cluster.Scratch, "effects"), maxLines: 1000, maxSleepSeconds: 0.4);
        var workflow = await cluster.ApplyAsync("fanout.yaml", fanout.Yaml);
        var runId = await cluster.StartRunAsync(workflow);

        var kills = 2 + random.Next(2);
        for (var kill = 1; kill <= kills; kill++)
        {
            var after = TimeSpan.FromMilliseconds(random.Next(200, 2500));
            await Task.Delay(after);
            var done = File.Exists(fanout.EffectsFile) ? File.ReadAllLines(fanout.EffectsFile).Length : 0;
            output.WriteLine($"kill {kill}/{kills}: {after.TotalMilliseconds:F0} ms after the server came up, {done} side effects so far");
            await cluster.KillServerAsync();
            var restart = Stopwatch.StartNew();
            await cluster.StartServerAsync();
            output.WriteLine($"server back in {restart.Elapsed.TotalSeconds:F1} s");
        }

        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        RunAssert.EveryStepSucceededExactlyOnce(run);
        Assert.Equal(fanout.Keys.Count, run.Steps.Count);
        RunAssert.EachSideEffectOnce(fanout.EffectsFile, fanout.Keys);
        foreach (var key in fanout.Keys)
        {
            Assert.Equal(fanout.ExpectedLog(key), Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, key)));
        }
    }
}
