using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ControlPlane.Cli.Dev;

/// <summary>
/// A server on 127.0.0.1 (auth off, <c>--dev</c>) with its SQLite database under the data directory, and one local
/// agent, both child processes of cpctl logging to files in that directory. The same directory is reused on every
/// start, so history and the agent's registration carry over.
/// </summary>
internal sealed partial class DevEnvironment : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private DevProcess? _server;
    private DevProcess? _agent;

    private DevEnvironment(string dataDir)
    {
        DataDir = dataDir;
    }

    public string DataDir { get; }

    /// <summary>The server's address, e.g. http://127.0.0.1:41234.</summary>
    public string Address { get; private set; } = "";

    public string ServerLog => _server?.LogPath ?? "";

    public string AgentLog => _agent?.LogPath ?? "";

    /// <summary>Starts the server, waits until it listens, then the agent, and waits until the agent is connected.</summary>
    public static async Task<DevEnvironment> StartAsync(string dataDir, int port, int capacity, CancellationToken cancellationToken)
    {
        var programs = DevPrograms.Locate();
        var environment = new DevEnvironment(Path.GetFullPath(dataDir));
        Directory.CreateDirectory(environment.DataDir);
        try
        {
            // Registration happens once (the agent keeps its identity in its state directory), so any fresh token works.
            // It travels in the environment, never on a command line (which every process, steps included, can read).
            var token = new Dictionary<string, string> { ["CP_REGISTRATION_TOKEN"] = "dev_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) };
            environment._server = DevProcess.Start(
                programs.Server,
                ["--dev", "--listen", $"http://127.0.0.1:{port}", "--data-dir", Path.Combine(environment.DataDir, "server")],
                token,
                Path.Combine(environment.DataDir, "server.log"));
            var listening = await environment._server.WaitForLineAsync(l => ListeningLine().IsMatch(l), "the server starting", StartTimeout, cancellationToken);
            environment.Address = ListeningLine().Match(listening).Groups["address"].Value;
            environment._agent = DevProcess.Start(
                programs.Agent,
                [
                    "--server", environment.Address, "--name", "dev-agent", "--capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--state-dir", Path.Combine(environment.DataDir, "agent", "state"), "--work-dir", Path.Combine(environment.DataDir, "agent", "work"),
                ],
                token,
                Path.Combine(environment.DataDir, "agent.log"));
            await environment._agent.WaitForLineAsync(l => l.Contains("Connected to", StringComparison.Ordinal), "the agent connecting", StartTimeout, cancellationToken);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the agent (it drains: nothing of ours is running by now), then the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.StopAsync(StopGrace);
            await _agent.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.StopAsync(StopGrace);
            await _server.DisposeAsync();
        }
    }

    [GeneratedRegex(@"Listening on (?<address>http://\S+)")]
    private static partial Regex ListeningLine();
}
