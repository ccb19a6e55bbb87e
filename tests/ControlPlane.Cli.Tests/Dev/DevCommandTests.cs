using ControlPlane.Cli.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Dev;

/// <summary>The README's main command: cpctl dev on the example workflow, as a process, twice over one data directory.</summary>
public sealed class DevCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("cpctl-dev");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Dev_runs_the_example_on_a_local_server_and_agent_and_a_second_run_shows_the_history()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "Examples", "ci.yaml");
        var dataDir = _dir.Combine("data");

        var first = await Cpctl.RunAsync(["dev", example, "--data-dir", dataDir]);
        var second = await Cpctl.RunAsync(["dev", example, "--data-dir", dataDir, "-i", "version=0.2.0"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("package | packaged hello 0.1.0", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("run 1 succeeded", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("workflow ci revision 1 (unchanged)", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("package | packaged hello 0.2.0", second.StandardOutput, StringComparison.Ordinal);
        var history = second.StandardOutput[second.StandardOutput.LastIndexOf("the last runs of ci", StringComparison.Ordinal)..];
        Assert.Matches(@"\n2\s+ci\s+1\s+succeeded", history);
        Assert.Matches(@"\n1\s+ci\s+1\s+succeeded", history);
        Assert.True(File.Exists(Path.Combine(dataDir, "server", "controlplane.db")));
        // The registration token went through the environment: no warning about it on a command line.
        Assert.DoesNotContain("on the command line", await File.ReadAllTextAsync(Path.Combine(dataDir, "agent.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_exits_1_when_the_run_fails()
    {
        var file = _dir.Combine("failing.yaml");
        await File.WriteAllTextAsync(file, """
            name: failing
            steps:
              - id: boom
                run: echo "about to fail"; exit 4
            """);

        var result = await Cpctl.RunAsync(["dev", file, "--data-dir", _dir.Combine("data")]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("boom | about to fail", result.StandardOutput, StringComparison.Ordinal);
    }
}
