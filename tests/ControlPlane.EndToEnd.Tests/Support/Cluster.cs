using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.Testing;
using Google.Protobuf;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// A control plane as users run it: a cp-server process on a fixed loopback port over a data directory, any number of
/// cp-agent processes, and API clients. The server can be killed and restarted on the same address and data; agents
/// can be killed and restarted with their state directories. Every process's output goes to the test's output.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const string RegistrationToken = "e2e-registration-token";

    private readonly TempDirectory _root = new("cp-e2e");
    private readonly ITestOutputHelper _output;
    private readonly string[] _serverArguments;
    private readonly string? _dataDir;
    private readonly List<AgentProcess> _agents = [];
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private GrpcChannel? _channel;

    private Cluster(ITestOutputHelper output, string[] serverArguments, string? dataDir = null)
    {
        _output = output;
        _serverArguments = serverArguments;
        _dataDir = dataDir;
        Address = $"http://127.0.0.1:{FreePort.Find()}";
    }

    /// <summary>Where the server listens, the same across restarts.</summary>
    public string Address { get; }

    public string DataDir => _dataDir ?? _root.Combine("server");

    public int Port => new Uri(Address).Port;

    public ServerProcess? Server { get; private set; }

    public WorkflowService.WorkflowServiceClient Workflows => new(Channel);

    public RunService.RunServiceClient Runs => new(Channel);

    public AdminService.AdminServiceClient Admin => new(Channel);

    /// <summary>A directory steps may write side effects into.</summary>
    public string Scratch => Directory.CreateDirectory(_root.Combine("scratch")).FullName;

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Address);

    /// <summary>Starts a server with short liveness timings (heartbeat 1 s, runner lost after 4 s) unless overridden.</summary>
    public static Task<Cluster> StartAsync(ITestOutputHelper output, params string[] serverArguments) =>
        StartedAsync(new Cluster(output, serverArguments));

    /// <summary>As <see cref="StartAsync(ITestOutputHelper, string[])"/>, with the server's data in <paramref name="dataDir"/> (e.g. a small tmpfs).</summary>
    public static Task<Cluster> StartOnAsync(ITestOutputHelper output, string dataDir, params string[] serverArguments) =>
        StartedAsync(new Cluster(output, serverArguments, dataDir));

    private static async Task<Cluster> StartedAsync(Cluster cluster)
    {
        try
        {
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task StartServerAsync()
    {
        string[] arguments =
        [
            "--dev", "--registration-token", RegistrationToken, "--heartbeat-interval", "1s", "--runner-lost-timeout", "4s", "--offer-timeout", "5s",
            .. _serverArguments,
        ];
        Server = await ServerProcess.StartAsync(DataDir, arguments, Log("server"), listen: Address);
    }

    /// <summary>SIGTERM to the server: a graceful stop; waits for it to exit.</summary>
    public async Task StopServerAsync()
    {
        Server!.Process.Signal(15);
        await Server.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await Server.DisposeAsync();
        Server = null;
    }

    /// <summary>kill -9 of the server.</summary>
    public async Task KillServerAsync()
    {
        Server!.Process.Signal(9);
        await Server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Server.DisposeAsync();
        Server = null;
    }

    /// <summary>
    /// Starts an agent (or restarts one: the same name reuses its state directory), connected to <paramref name="server"/>
    /// or the server. The runner's name gets this cluster's suffix: agents of clusters running side by side share the
    /// docker daemon, where the name labels their containers.
    /// </summary>
    public async Task<AgentProcess> StartAgentAsync(string name, int capacity = 1, IEnumerable<string>? labels = null, string? server = null)
    {
        name = $"{name}-{_suffix}";
        // A short cancel grace keeps cancel scenarios quick; the escalation order is the same.
        var agent = await AgentProcess.StartAsync(server ?? Address, name, _root.Path, RegistrationToken, capacity, labels, ["--cancel-grace", "2s", "--docker-network", "none"], Log(name));
        _agents.Add(agent);
        return agent;
    }

    /// <summary>kill -9 of an agent; its state directory stays for a restart.</summary>
    public async Task KillAgentAsync(AgentProcess agent)
    {
        agent.Process.Signal(9);
        await agent.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        _agents.Remove(agent);
        await agent.DisposeAsync();
    }

    public async Task<string> ApplyAsync(string fileName, string yaml)
    {
        var response = await Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = fileName, Source = yaml });
        return response.Revision.WorkflowName;
    }

    public async Task<long> StartRunAsync(string workflow, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var request = new StartRunRequest { WorkflowName = workflow };
        if (inputs is not null)
        {
            foreach (var (name, value) in inputs)
            {
                request.Inputs[name] = value;
            }
        }

        return (await Runs.StartRunAsync(request)).Run.Id;
    }

    /// <summary>Polls the run until <paramref name="done"/> holds; fails with the run's last view after <paramref name="timeout"/>.</summary>
    public async Task<GetRunResponse> WaitForRunAsync(long runId, Func<GetRunResponse, bool> done, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        GetRunResponse? last = null;
        while (!cts.IsCancellationRequested)
        {
            try
            {
                last = await Runs.GetRunAsync(new GetRunRequest { RunId = runId }, cancellationToken: cts.Token);
                if (done(last))
                {
                    return last;
                }
            }
            catch (global::Grpc.Core.RpcException e) when (e.StatusCode == global::Grpc.Core.StatusCode.Unavailable)
            {
                // The server is restarting.
            }
            catch (global::Grpc.Core.RpcException e) when (e.StatusCode == global::Grpc.Core.StatusCode.Cancelled && cts.IsCancellationRequested)
            {
                break;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"run {runId}: not {what} within {timeout}; last seen:\n{last}");
    }

    public Task<GetRunResponse> WaitForRunEndAsync(long runId, TimeSpan timeout) =>
        WaitForRunAsync(runId, r => r.Run.State is RunState.Succeeded or RunState.Failed or RunState.Cancelled, timeout, "ended");

    /// <summary>The stored log of one attempt (latest when <paramref name="attemptNumber"/> is 0), all of it.</summary>
    public async Task<byte[]> ReadLogAsync(long runId, string stepKey, int attemptNumber = 0)
    {
        using var call = Runs.StreamLogs(new StreamLogsRequest { RunId = runId, StepKey = stepKey, AttemptNumber = attemptNumber });
        using var log = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var chunk = call.ResponseStream.Current;
            Assert.Equal(log.Length, chunk.Offset);
            chunk.Data.WriteTo(log);
        }

        return log.ToArray();
    }

    /// <summary>Every event of an ended run, oldest first (WatchRun from the start ends with the run's last event).</summary>
    public async Task<IReadOnlyList<WatchRunResponse>> EventsAsync(long runId)
    {
        using var call = Runs.WatchRun(new WatchRunRequest { RunId = runId });
        var events = new List<WatchRunResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _channel?.Dispose();
        _root.Dispose();
    }

    private Action<string> Log(string name) => line =>
    {
        try
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{name}] {line}"));
        }
        catch (InvalidOperationException)
        {
            // The test has already finished.
        }
    };
}
