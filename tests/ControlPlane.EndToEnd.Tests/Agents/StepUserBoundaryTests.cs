using System.Text;
using System.Text.Json;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

/// <summary>
/// The trust boundary between a step and its runner, with a real cp-server and a real cp-agent started as operators
/// are told to (root, <c>--step-user nobody</c>, the registration token in a file): a step cannot get at the runner's
/// credentials, and if a workflow prints them anyway, in plain, hex or URL-encoded form, the stored log shows ***.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StepUserBoundaryTests(ITestOutputHelper output) : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _root = new("cp-e2e-stepuser");

    [Fact]
    public async Task A_step_running_as_the_step_user_gets_no_token_from_the_agents_command_line_state_dir_runner_file_or_token_file()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await using var agent = await StartAgentAsync(cluster);
        var tokenFile = Path.Combine(_root.Path, "registration.token");
        var runnerToken = await RunnerTokenAsync(agent);
        var workflow = await cluster.ApplyAsync("snoop.yaml", $$"""
            name: snoop
            steps:
              - id: snoop
                run: |
                  set +e
                  echo "uid $(id -u)"
                  echo "agent command line: $(tr '\0' ' ' < /proc/$PPID/cmdline)"
                  ls -la {{agent.StateDir}}; echo "ls state dir: $?"
                  cat {{agent.StateDir}}/runner.json; echo "cat runner.json: $?"
                  cat {{tokenFile}}; echo "cat token file: $?"
                  tr '\0' '\n' < /proc/$PPID/environ; echo "agent environment: $?"
                  kill -STOP $PPID; echo "signal the agent: $?"
                  env | grep -c '^CP_REGISTRATION' ; echo "inherited token variables counted"
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var log = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "snoop"));
        output.WriteLine(log);
        Assert.Contains("uid 65534\n", log, StringComparison.Ordinal);
        Assert.Contains($"--state-dir {agent.StateDir}", log, StringComparison.Ordinal);
        foreach (var attempt in new[] { "ls state dir", "cat runner.json", "cat token file", "agent environment", "signal the agent" })
        {
            Assert.Matches($"(?m)^{attempt}: [1-9]", log);
        }

        Assert.Contains("0\ninherited token variables counted", log, StringComparison.Ordinal);
        Assert.DoesNotContain(runnerToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Cluster.RegistrationToken, log, StringComparison.Ordinal);
        Assert.DoesNotContain("***", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runner_token_and_the_registration_token_are_masked_in_plain_hex_and_url_encoded_forms()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await using var agent = await StartAgentAsync(cluster);
        var runnerToken = await RunnerTokenAsync(agent);
        var lines = new StringBuilder();
        foreach (var (name, token) in new[] { ("runner", runnerToken), ("registration", Cluster.RegistrationToken) })
        {
            var bytes = Encoding.UTF8.GetBytes(token);
            foreach (var (form, text) in new[]
            {
                ("plain", token),
                ("hex", Convert.ToHexStringLower(bytes)),
                ("HEX", Convert.ToHexString(bytes)),
                ("url", Uri.EscapeDataString(token)),
                ("percent", string.Concat(bytes.Select(b => $"%{b:X2}"))),
                ("percent-lower", string.Concat(bytes.Select(b => $"%{b:x2}"))),
            })
            {
                lines.Append($"      echo '{name} {form} [{text}]'\n");
            }
        }

        var workflow = await cluster.ApplyAsync("echo.yaml", $"name: echo\nsteps:\n  - id: echo\n    run: |\n{lines}");
        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var log = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "echo"));
        output.WriteLine(log);
        var expected = string.Concat(new[] { "runner", "registration" }.SelectMany(name =>
            new[] { "plain", "hex", "HEX", "url", "percent", "percent-lower" }.Select(form => $"{name} {form} [***]\n")));
        Assert.Equal(expected, log);
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<AgentProcess> StartAgentAsync(Cluster cluster)
    {
        // As under /var/lib: the agent's own directories sit in a directory others may pass through.
        File.SetUnixFileMode(_root.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var tokenFile = Path.Combine(_root.Path, "registration.token");
        await File.WriteAllTextAsync(tokenFile, Cluster.RegistrationToken + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var name = $"isolated-{Guid.NewGuid().ToString("N")[..6]}";
        return await AgentProcess.StartAsync(
            cluster.Address,
            name,
            _root.Path,
            registrationToken: null,
            extraArguments: ["--registration-token-file", tokenFile, "--step-user", "nobody", "--cancel-grace", "2s", "--docker-network", "none"],
            log: line => output.WriteLine($"[{name}] {line}"));
    }

    private static async Task<string> RunnerTokenAsync(AgentProcess agent)
    {
        using var runner = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(agent.StateDir, "runner.json")));
        var token = runner.RootElement.EnumerateObject().Single(p => p.Name.Contains("token", StringComparison.OrdinalIgnoreCase)).Value.GetString();
        Assert.False(string.IsNullOrEmpty(token));
        return token!;
    }
}
