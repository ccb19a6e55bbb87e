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
}
