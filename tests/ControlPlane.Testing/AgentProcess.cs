using System.Globalization;

namespace ControlPlane.Testing;

/// <summary>
/// cp-agent as a real process with its own work and state directories. The test project must reference
/// agents/ControlPlane.Agent so that cp-agent.dll sits beside the test assembly. The state directory outlives the
/// process, so a test can kill the agent and start it again as the same runner.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private AgentProcess(ChildProcess process, string name, string stateDir, string workDir)
    {
        Process = process;
        Name = name;
        StateDir = stateDir;
        WorkDir = workDir;
    }

    public ChildProcess Process { get; }

    public string Name { get; }

    public string StateDir { get; }

    public string WorkDir { get; }

    /// <summary>
    /// Starts cp-agent against <paramref name="server"/> with its directories under <paramref name="root"/>/<paramref name="name"/>
    /// (reused when they exist) and debug logs, then waits until its first session is up. The registration token goes
    /// through the environment (CP_REGISTRATION_TOKEN), as the README says to give it; null gives none (pass
    /// <c>--registration-token-file</c> in <paramref name="extraArguments"/> instead).
    /// </summary>
    public static async Task<AgentProcess> StartAsync(
        string server,
        string name,
        string root,
        string? registrationToken,
        int capacity = 1,
        IEnumerable<string>? labels = null,
        IEnumerable<string>? extraArguments = null,
        Action<string>? log = null)
    {
        var agent = StartRaw(server, name, root, registrationToken, capacity, labels, extraArguments, log);
        try
        {
            await agent.WaitConnectedAsync();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts cp-agent without waiting for anything.</summary>
    public static AgentProcess StartRaw(
        string server,
        string name,
        string root,
        string? registrationToken,
        int capacity = 1,
        IEnumerable<string>? labels = null,
        IEnumerable<string>? extraArguments = null,
        Action<string>? log = null)
    {
        var agentDll = Path.Combine(AppContext.BaseDirectory, "cp-agent.dll");
        if (!File.Exists(agentDll))
        {
            throw new InvalidOperationException($"{agentDll} not found; reference agents/ControlPlane.Agent from the test project.");
        }

        var stateDir = Path.Combine(root, name, "state");
        var workDir = Path.Combine(root, name, "work");
        string[] arguments =
        [
            agentDll, "--server", server, "--name", name,
            "--capacity", capacity.ToString(CultureInfo.InvariantCulture), "--state-dir", stateDir, "--work-dir", workDir,
            "--log-level", "Debug", .. labels is null ? Array.Empty<string>() : ["--labels", string.Join(',', labels)], .. extraArguments ?? [],
        ];
        var environment = registrationToken is null ? null : new Dictionary<string, string> { ["CP_REGISTRATION_TOKEN"] = registrationToken };
        var process = ChildProcess.Start("dotnet", arguments, environment: environment, log: log);
        return new AgentProcess(process, name, stateDir, workDir);
    }

    /// <summary>Waits for the next "Connected to" line: a session with the server is up.</summary>
    public Task WaitConnectedAsync() => Process.WaitForLineAsync(l => l.Contains("Connected to", StringComparison.Ordinal), "'Connected to ...'", ConnectTimeout);

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
