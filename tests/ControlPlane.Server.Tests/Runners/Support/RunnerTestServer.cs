using ControlPlane.Contracts.V1;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Runners.Support;

/// <summary>
/// The real server, composed by <see cref="ServerHost"/>, in process on Kestrel port 0 over a temp data directory, with
/// a runner-protocol client over our GrpcChannel. Workflows and runs are made in process. Prints what the server
/// logged when disposed, so a failing test shows it.
/// </summary>
internal sealed class RunnerTestServer : IAsyncDisposable
{
    public const string RegistrationToken = "reg-token-for-tests";

    private readonly TempDirectory _directory;
    private readonly ITestOutputHelper _output;
    private readonly CapturedLogs _logs = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    private RunnerTestServer(TempDirectory directory, ITestOutputHelper output, WebApplication app)
    {
        _directory = directory;
        _output = output;
        App = app;
    }

    public WebApplication App { get; }

    public string Address { get; private set; } = "";

    public GrpcChannel Channel { get; private set; } = null!;

    public RunnerService.RunnerServiceClient Client { get; private set; } = null!;

    public CancellationToken Ct => _timeout.Token;

    public IStore Store => App.Services.GetRequiredService<IStore>();

    public RunnerConnector Connector => App.Services.GetRequiredService<RunnerConnector>();

    public RunCanceller Canceller => App.Services.GetRequiredService<RunCanceller>();

    /// <param name="args">Flags beyond listen, data dir and <see cref="RegistrationToken"/>.</param>
    public static async Task<RunnerTestServer> StartAsync(ITestOutputHelper output, params string[] args)
    {
        var directory = new TempDirectory("cp-runners");
        var app = await ServerHost.BuildAsync(["--listen", "http://127.0.0.1:0", "--data-dir", directory.Combine("data"), "--registration-token", RegistrationToken, "--dev", .. args], CancellationToken.None);
        var server = new RunnerTestServer(directory, output, app);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(server._logs);
        await app.StartAsync(server.Ct);
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Channel = GrpcChannel.ForAddress(server.Address);
        server.Client = new RunnerService.RunnerServiceClient(server.Channel);
        return server;
    }

    public string CombinePath(string name) => _directory.Combine(name);

    /// <summary>Applies the workflow and starts a run of it.</summary>
    public async Task<RunId> StartRunAsync(string yaml, Dictionary<string, string>? inputs = null)
    {
        var applier = App.Services.GetRequiredService<WorkflowApplier>();
        var launcher = App.Services.GetRequiredService<RunLauncher>();
        var applied = await applier.ApplyAsync("workflow.yaml", yaml, Ct);
        return (await launcher.StartAsync(applied.WorkflowName, null, inputs ?? [], null, 0, Ct)).Run.Id;
    }

    public async Task<RegisterResponse> RegisterAsync(string name, int capacity = 1, params string[] labels)
    {
        var request = new RegisterRequest { RegistrationToken = RegistrationToken, Name = name, Capacity = capacity, AgentVersion = "test" };
        request.Labels.AddRange(labels);
        return await Client.RegisterAsync(request, cancellationToken: Ct);
    }

    public async Task<T> ReadAsync<T>(Func<IUnitOfWork, Task<T>> read)
    {
        await using var unit = await Store.BeginReadAsync(Ct);
        return await read(unit);
    }

    public async Task<StepRecord> StepAsync(RunId runId, string key) =>
        await ReadAsync(unit => unit.Steps.FindByKeyAsync(runId, key, Ct)) ?? throw new InvalidOperationException($"no step {key}");

    /// <summary>Polls the store until <paramref name="condition"/> holds; fails after a generous timeout.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}; last seen: {value}");
            }

            await Task.Delay(50, Ct);
        }
    }

    public Task<StepRecord> WaitForStepAsync(RunId runId, string key, Core.Steps.StepState state) =>
        WaitForAsync(() => StepAsync(runId, key), s => s.State == state, $"step {key} to be {state}");

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await App.StopAsync(stop.Token);
        }

        await App.DisposeAsync();
        _output.WriteLine(_logs.ToString());
        _timeout.Dispose();
        _directory.Dispose();
    }
}
