using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Support;

/// <summary>
/// One cp-server process and one cp-agent (capacity 2) shared by a test class, with the workflow files the tests
/// use written to a temp directory and applied once.
/// </summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    public const string RegistrationToken = "cli-tests-registration";

    private readonly string _root = Directory.CreateTempSubdirectory("cp-cli-").FullName;
    private ServerProcess? _server;
    private AgentProcess? _agent;

    public string Address => _server?.Address ?? throw new InvalidOperationException("the server has not started");

    /// <summary>Where the workflow files are.</summary>
    public string WorkflowDir => Path.Combine(_root, "workflows");

    /// <summary>A workflow file's path.</summary>
    public string File(string name) => Path.Combine(WorkflowDir, name);

    /// <summary>The server's and the agent's output so far, for failure messages.</summary>
    public string Transcript => $"{_server?.Process.Transcript}\n{_agent?.Process.Transcript}";

    /// <summary>Runs cpctl against this server.</summary>
    public Task<CliResult> CpctlAsync(params string[] arguments) => Cpctl.RunAsync(["--server", Address, .. arguments]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkflowDir);
        foreach (var (name, text) in TestWorkflows.All)
        {
            await System.IO.File.WriteAllTextAsync(File(name), text);
        }

        _server = await ServerProcess.StartAsync(Path.Combine(_root, "server"), ["--registration-token", RegistrationToken, "--heartbeat-interval", "1s"]);
        _agent = await AgentProcess.StartAsync(_server.Address, "cli-runner", Path.Combine(_root, "agents"), RegistrationToken, capacity: 2);
        var applied = await CpctlAsync(["apply", .. TestWorkflows.Applied.Select(File)]);
        if (applied.ExitCode != 0)
        {
            throw new InvalidOperationException($"applying the test workflows failed:\n{applied}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the OS temp cleaner gets it later.
        }
    }
}
