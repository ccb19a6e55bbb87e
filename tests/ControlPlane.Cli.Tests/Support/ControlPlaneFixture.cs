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

    /// <summary>The admin token the server wrote on its first start; cpctl authenticates with it as an operator would.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Runs cpctl against this server with the admin token (in CP_TOKEN, as a shell profile would set it).</summary>
    public Task<CliResult> CpctlAsync(params string[] arguments) =>
        Cpctl.RunAsync(["--server", Address, .. arguments], new Dictionary<string, string> { ["CP_TOKEN"] = AdminToken });

    /// <summary>Runs cpctl like <see cref="CpctlAsync"/> with its stdout on a real pseudo-terminal.</summary>
    public Task<TerminalResult> CpctlOnTerminalAsync(params string[] arguments) =>
        TerminalCpctl.OnTerminalAsync(["--server", Address, .. arguments], new Dictionary<string, string> { ["CP_TOKEN"] = AdminToken });

    /// <summary>Runs cpctl like <see cref="CpctlAsync"/> and returns the exact bytes of its stdout (a pipe).</summary>
    public Task<TerminalResult> CpctlPipedAsync(params string[] arguments) =>
        TerminalCpctl.PipedAsync(["--server", Address, .. arguments], new Dictionary<string, string> { ["CP_TOKEN"] = AdminToken });

    /// <summary>Registers a runner that never connects (no agent behind it).</summary>
    public async Task RegisterRunnerAsync(string name)
    {
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(Address);
        var request = new ControlPlane.Contracts.V1.RegisterRequest { RegistrationToken = RegistrationToken, Name = name, Capacity = 1, AgentVersion = "test" };
        await new ControlPlane.Contracts.V1.RunnerService.RunnerServiceClient(channel).RegisterAsync(request);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkflowDir);
        foreach (var (name, text) in TestWorkflows.All)
        {
            await System.IO.File.WriteAllTextAsync(File(name), text);
        }

        _server = await ServerProcess.StartAsync(Path.Combine(_root, "server"), ["--registration-token", RegistrationToken, "--heartbeat-interval", "1s"]);
        AdminToken = (await System.IO.File.ReadAllTextAsync(Path.Combine(_root, "server", "admin.token"))).Trim();
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
