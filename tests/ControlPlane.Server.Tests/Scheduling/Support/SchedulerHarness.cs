using ControlPlane.Core.Events;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Runners;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Store;
using ControlPlane.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Tests.Scheduling.Support;

/// <summary>
/// The real scheduler over a real SQLite file with a manual clock, composed as the server composes it. Time moves
/// only when a test advances it, and the loop runs only when a test ticks it, so every test is deterministic.
/// <see cref="RestartAsync"/> throws the process state away and starts over on the same file.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("cp-sched");
    private readonly SchedulerOptions _options;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private ServiceProvider _services = null!;
    private SqliteStore _store = null!;

    private readonly string? _databaseDirectory;

    private SchedulerHarness(SchedulerOptions options, string? databaseDirectory)
    {
        _options = options;
        _databaseDirectory = databaseDirectory;
    }

    public ManualTimeProvider Time { get; } = new();

    public CancellationToken Ct => _timeout.Token;

    public string DatabasePath => Path.Combine(_databaseDirectory ?? _directory.Path, "controlplane.db");

    public IStore Store => _store;

    public WorkflowApplier Applier => _services.GetRequiredService<WorkflowApplier>();

    public RunLauncher Launcher => _services.GetRequiredService<RunLauncher>();

    public RunCanceller Canceller => _services.GetRequiredService<RunCanceller>();

    public AttemptReporter Reporter => _services.GetRequiredService<AttemptReporter>();

    public RunnerConnector Connector => _services.GetRequiredService<RunnerConnector>();

    public SchedulerFaults Faults => _services.GetRequiredService<SchedulerFaults>();

    public Scheduler Scheduler => _services.GetRequiredService<Scheduler>();

    public StoreOutageGate OutageGate => _services.GetRequiredService<StoreOutageGate>();

    /// <param name="databaseDirectory">Where the database file goes (e.g. a small tmpfs); a temp directory by default.</param>
    public static async Task<SchedulerHarness> StartAsync(Action<SchedulerOptions>? configure = null, string? databaseDirectory = null)
    {
        var options = new SchedulerOptions();
        configure?.Invoke(options);
        var harness = new SchedulerHarness(options, databaseDirectory);
        await harness.OpenAsync();
        return harness;
    }

    /// <summary>Disposes everything in memory (scheduler, sessions, store) and opens the same file again, with recovery.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    public Task<TickResult> TickAsync() => Scheduler.RunOnceAsync(Ct);

    /// <summary>
    /// Starts the hosted dispatch loop over this harness's components, running startup recovery again as a host does:
    /// start it before connecting runners. Stop it before the harness is disposed.
    /// </summary>
    public async Task<DispatchLoop> StartLoopAsync()
    {
        var loop = ActivatorUtilities.CreateInstance<DispatchLoop>(_services);
        await loop.StartAsync(Ct);
        return loop;
    }

    /// <summary>Ticks until a tick leaves nothing undone.</summary>
    public async Task SettleAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (!(await TickAsync()).MoreWork)
            {
                return;
            }
        }

        throw new InvalidOperationException("The scheduler did not settle in 100 ticks.");
    }

    public async Task ApplyAsync(string yaml, string fileName = "workflow.yaml") => await Applier.ApplyAsync(fileName, yaml, Ct);

    public async Task<RunId> StartRunAsync(string workflow, Dictionary<string, string>? inputs = null, string? idempotencyKey = null, int priority = 0) =>
        (await Launcher.StartAsync(workflow, null, inputs ?? [], idempotencyKey, priority, Ct)).Run.Id;

    public async Task<RunnerId> RegisterRunnerAsync(string name, int capacity = 1, params string[] labels)
    {
        await using var unit = await Store.BeginAsync(Ct);
        var runner = await unit.Runners.RegisterAsync(new NewRunner(name, RunnerTokens.Issue().Hash, labels, capacity), Ct);
        await unit.CommitAsync(Ct);
        return runner.Id;
    }

    public async Task<FakeRunner> ConnectAsync(RunnerId runnerId) => new(await Connector.ConnectAsync(runnerId, Ct), Reporter);

    /// <summary>Registers and connects a runner.</summary>
    public async Task<FakeRunner> RunnerAsync(string name, int capacity = 1, params string[] labels) =>
        await ConnectAsync(await RegisterRunnerAsync(name, capacity, labels));

    public Task<RunRecord> RunAsync(RunId runId) => ReadAsync(unit => unit.Runs.GetAsync(runId, Ct));

    public async Task<StepRecord> StepAsync(RunId runId, string key) =>
        await ReadAsync(unit => unit.Steps.FindByKeyAsync(runId, key, Ct)) ?? throw new InvalidOperationException($"no step {key}");

    public Task<IReadOnlyList<StepRecord>> StepsAsync(RunId runId) => ReadAsync(unit => unit.Steps.ListByRunAsync(runId, Ct));

    public Task<IReadOnlyList<EventRecord>> EventsAsync() => ReadAsync(unit => unit.Events.ReadAfterAsync(0, 100_000, Ct));

    public async Task<T> ReadAsync<T>(Func<IUnitOfWork, Task<T>> read)
    {
        await using var unit = await Store.BeginReadAsync(Ct);
        return await read(unit);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _timeout.Dispose();
        _directory.Dispose();
    }

    private async Task OpenAsync()
    {
        _store = await SqliteStore.OpenAsync(DatabasePath, Time, Ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStore>(_store);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Options.Create(_options));
        services.AddScheduling();
        services.AddSingleton(SecretValues.None);
        services.AddSingleton<WebhookSecretRule>();
        services.AddSingleton<WorkflowApplier>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await _services.GetRequiredService<SchedulerRecovery>().RecoverAsync(Ct);
    }

    private async Task CloseAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}
