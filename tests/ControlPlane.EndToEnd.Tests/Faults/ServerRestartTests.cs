using System.Globalization;
using System.Text;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Faults;

/// <summary>
/// The server stopped (SIGTERM or kill -9, alternating over the seeds) and started again on the same data while two
/// agents run several long steps: the steps keep running through the outage, finish once, logs complete.
/// </summary>
public sealed class ServerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(180);

    public static TheoryData<int, bool> SeedsAndStops()
    {
        var data = new TheoryData<int, bool>();
        var index = 0;
        foreach (var seed in Seeds.All)
        {
            data.Add(seed, index++ % 2 == 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndStops))]
    public async Task A_server_restart_while_agents_run_long_steps_is_invisible_to_them(int seed, bool kill)
    {
        output.WriteLine($"seed {seed}, {(kill ? "kill -9" : "SIGTERM")} (replay with CP_E2E_SEED={seed})");
        var random = new Random(seed);
        await using var cluster = await Cluster.StartAsync(output, "--runner-lost-timeout", "15s");
        await cluster.StartAgentAsync("agent-a", capacity: 2);
        await cluster.StartAgentAsync("agent-b", capacity: 2);
        var scratch = cluster.Scratch;
        var keys = Enumerable.Range(1, 4).Select(i => string.Create(CultureInfo.InvariantCulture, $"long{i}")).ToList();
        var yaml = new StringBuilder("name: long\nsteps:\n");
        foreach (var key in keys)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: {key}\n    run: |\n      echo {key} >> {scratch}/effects\n      echo \"{key} begins\"\n      sleep 5\n      echo \"{key} ends\"\n");
        }

        var workflow = await cluster.ApplyAsync("long.yaml", yaml.ToString());
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => File.Exists($"{scratch}/effects") && File.ReadAllLines($"{scratch}/effects").Length == keys.Count, RunTimeout, "all steps running");

        await Task.Delay(random.Next(0, 2500));
        if (kill)
        {
            await cluster.KillServerAsync();
        }
        else
        {
            await cluster.StopServerAsync();
        }

        await cluster.StartServerAsync();
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        RunAssert.EveryStepSucceededExactlyOnce(run);
        // Offers a loaded agent accepted too late may have expired and gone elsewhere; what ran, ran once.
        Assert.All(run.Steps, s => Assert.Single(s.Attempts, a => a.StartedAt is not null));
        RunAssert.EachSideEffectOnce($"{scratch}/effects", keys);
        foreach (var key in keys)
        {
            Assert.Equal($"{key} begins\n{key} ends\n", Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, key)));
        }
    }

    [Fact]
    public async Task A_server_down_longer_than_the_lease_does_not_make_agents_stop_their_steps()
    {
        // Cluster default: runner lost after 4 s, so the lease is 4 s. Refused connections tell the agents the server is
        // down (not partitioned away), so they keep their steps; the restarted server's failover grace reattaches them.
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-a", capacity: 2);
        var scratch = cluster.Scratch;
        var workflow = await cluster.ApplyAsync("outage.yaml", $"name: outage\nsteps:\n  - id: long\n    run: |\n      echo long >> {scratch}/effects\n      echo begins\n      sleep 12\n      echo ends\n");
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, _ => File.Exists($"{scratch}/effects"), RunTimeout, "the step running");

        await cluster.KillServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(7));
        await cluster.StartServerAsync();
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        RunAssert.EveryStepSucceededExactlyOnce(run);
        Assert.Single(run.Steps[0].Attempts);
        RunAssert.EachSideEffectOnce($"{scratch}/effects", ["long"]);
        Assert.Equal("begins\nends\n", Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "long")));
    }
}
