using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.Testing;
using Grpc.Net.Client;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// A control plane as users run it, for measuring: a Release cp-server process in dev mode on loopback over its own
/// data directory, cp-agent processes at their default log level (Information: the bench measures the product, not
/// debug logging), and API clients.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    public const string RegistrationToken = "bench-registration-token";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _root;
    private readonly List<ChildProcess> _agents = [];
    private GrpcChannel? _channel;

    private BenchCluster(TempDirectory root, ServerProcess server)
    {
        _root = root;
        Server = server;
    }

    public ServerProcess Server { get; }

    public IReadOnlyList<ChildProcess> Agents => _agents;

    public string Scratch => Directory.CreateDirectory(_root.Combine("scratch")).FullName;

    public WorkflowService.WorkflowServiceClient Workflows => new(Channel);

    public RunService.RunServiceClient Runs => new(Channel);

    public RunnerService.RunnerServiceClient Runners => new(Channel);

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.Address);

    /// <summary>Starts a server over a fresh data directory (or <paramref name="dataDir"/>), waiting until it listens.</summary>
    public static async Task<BenchCluster> StartAsync(string? dataDir = null, params string[] serverArguments)
    {
        var root = new TempDirectory("cp-bench-e2e");
        try
        {
            var server = await ServerProcess.StartAsync(dataDir ?? root.Combine("server"), ["--dev", "--registration-token", RegistrationToken, .. serverArguments]);
            return new BenchCluster(root, server);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Starts <paramref name="count"/> agents side by side and waits until every one has its session.</summary>
    public async Task StartAgentsAsync(int count, int capacity)
    {
        var started = Enumerable.Range(_agents.Count, count).Select(i => StartAgent($"bench-agent-{i}", capacity)).ToList();
        _agents.AddRange(started);
        await Task.WhenAll(started.Select(a => a.WaitForLineAsync(l => l.Contains("Connected to", StringComparison.Ordinal), "'Connected to ...'", ConnectTimeout)));
    }

    /// <summary>Stops every agent with SIGTERM (they end their sessions cleanly) and waits for them to exit.</summary>
    public async Task StopAgentsAsync()
    {
        foreach (var agent in _agents)
        {
            agent.Signal(15);
            await agent.WaitForExitAsync(ConnectTimeout);
            await agent.DisposeAsync();
        }

        _agents.Clear();
    }

    /// <summary>Stops the server with SIGTERM and waits for it to exit, leaving its data directory for a restart.</summary>
    public async Task StopServerAsync()
    {
        Server.Process.Signal(15);
        await Server.Process.WaitForExitAsync(ConnectTimeout);
    }

    public async Task<string> ApplyAsync(string fileName, string yaml) =>
        (await Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = fileName, Source = yaml })).Revision.WorkflowName;

    public async Task<long> StartRunAsync(string workflow) =>
        (await Runs.StartRunAsync(new StartRunRequest { WorkflowName = workflow })).Run.Id;

    /// <summary>Polls the run every <paramref name="poll"/> until <paramref name="done"/> holds.</summary>
    public async Task<GetRunResponse> WaitForRunAsync(long runId, Func<GetRunResponse, bool> done, TimeSpan timeout, TimeSpan poll)
    {
        using var cts = new CancellationTokenSource(timeout);
        GetRunResponse? last = null;
        while (!cts.IsCancellationRequested)
        {
            last = await Runs.GetRunAsync(new GetRunRequest { RunId = runId }, cancellationToken: CancellationToken.None);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(poll, CancellationToken.None);
        }

        throw new TimeoutException($"run {runId}: not done within {timeout}; last seen:\n{last}\n{Server.Process.Transcript}");
    }

    /// <summary>
    /// Polls the run until it ends, once a second by default: a big run's GetRun costs the server real CPU, which would
    /// count against the figure being measured. Durations come from the store's timestamps, not from this poll.
    /// </summary>
    public Task<GetRunResponse> WaitForRunEndAsync(long runId, TimeSpan timeout, TimeSpan? poll = null) =>
        WaitForRunAsync(runId, r => r.Run.State is RunState.Succeeded or RunState.Failed or RunState.Cancelled, timeout, poll ?? TimeSpan.FromSeconds(1));

    /// <summary>The stored log of the latest attempt of one step, all of it.</summary>
    public async Task<byte[]> ReadLogAsync(long runId, string stepKey)
    {
        using var call = Runs.StreamLogs(new StreamLogsRequest { RunId = runId, StepKey = stepKey });
        using var log = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var chunk = call.ResponseStream.Current;
            if (chunk.Offset != log.Length)
            {
                throw new InvalidOperationException($"log of run {runId} step {stepKey}: chunk at offset {chunk.Offset}, expected {log.Length}");
            }

            chunk.Data.WriteTo(log);
        }

        return log.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        // For profiling: CP_BENCH_TRANSCRIPTS=DIR keeps every process's output (with CP_LOG_LEVEL=Debug, timestamped steps).
        if (Environment.GetEnvironmentVariable("CP_BENCH_TRANSCRIPTS") is { Length: > 0 } transcripts)
        {
            Directory.CreateDirectory(transcripts);
            var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(Path.Combine(transcripts, $"{stamp}-server.log"), Server.Process.Transcript);
            for (var i = 0; i < _agents.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(transcripts, $"{stamp}-agent-{i}.log"), _agents[i].Transcript);
            }
        }

        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await Server.DisposeAsync();
        _channel?.Dispose();
        _root.Dispose();
    }

    private ChildProcess StartAgent(string name, int capacity)
    {
        var agentDll = Path.Combine(AppContext.BaseDirectory, "cp-agent.dll");
        return ChildProcess.Start("dotnet", [
            agentDll, "--server", Server.Address, "--registration-token", RegistrationToken, "--name", name,
            "--capacity", capacity.ToString(CultureInfo.InvariantCulture),
            "--state-dir", _root.Combine(name, "state"), "--work-dir", _root.Combine(name, "work"),
        ]);
    }
}
