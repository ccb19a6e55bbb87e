using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Runners;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Triggers.Schedules;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Store;
using ControlPlane.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Tests.Triggers.Support;

/// <summary>
/// The scheduler's services and the schedule loop over a real SQLite file with a manual clock, composed as the server
/// composes them. <see cref="RestartAsync"/> stops the loop, throws every in-memory object away and starts over on the
/// same file, as a server restart does.
/// </summary>
internal sealed class ScheduleHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("cp-sched-trig");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly ScheduleOptions _options;
    private ServiceProvider? _services;
    private SqliteStore? _store;

    private ScheduleHarness(ScheduleOptions options, DateTimeOffset start)
    {
        _options = options;
        Time = new ManualTimeProvider(start);
    }

    public ManualTimeProvider Time { get; }

    public CancellationToken Ct => _timeout.Token;

    public IStore Store => _store!;

    public ScheduleLoop? Loop { get; private set; }

    public static async Task<ScheduleHarness> StartAsync(DateTimeOffset start, MissedSchedulePolicy missed = MissedSchedulePolicy.RunOnce)
    {
        var harness = new ScheduleHarness(new ScheduleOptions { Missed = missed }, start);
        await harness.OpenAsync();
        return harness;
    }

    public async Task ApplyAsync(string yaml) => await _services!.GetRequiredService<WorkflowApplier>().ApplyAsync("workflow.yaml", yaml, Ct);

    /// <summary>Starts the hosted loop and waits for its first pass (which fires whatever is due at start).</summary>
    public async Task StartLoopAsync()
    {
        Loop = _services!.GetRequiredService<ScheduleLoop>();
        await Loop.StartAsync(Ct);
        await WaitForPassesAsync(1);
    }

    /// <summary>
    /// Advances the clock by <paramref name="step"/> until <paramref name="done"/> holds, after each step giving the loop
    /// (real) time for a pass (up to 200 ms; a step that wakes no timer costs that much). Tests leave slack between the
    /// fire time they wait for and the next one, so a slow pass only means a few more steps. The clock never passes <paramref name="notAfter"/>.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> done, TimeSpan step, DateTimeOffset notAfter)
    {
        while (!await done())
        {
            if (Time.GetUtcNow() + step > notAfter)
            {
                throw new TimeoutException($"the condition did not hold by {notAfter:O}");
            }

            var passes = Loop!.Passes;
            Time.Advance(step);
            var until = DateTime.UtcNow.AddMilliseconds(200);
            while (Loop.Passes == passes && DateTime.UtcNow < until)
            {
                await Task.Delay(10, Ct);
            }
        }
    }

    public async Task WaitForPassesAsync(int passes)
    {
        while (Loop!.Passes < passes)
        {
            await Task.Delay(10, Ct);
        }
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync()
    {
        await using var unit = await Store.BeginReadAsync(Ct);
        return [.. (await unit.Runs.ListAsync(new RunListQuery(1000), Ct)).OrderBy(r => r.Id.Value)];
    }

    public async Task<IReadOnlyList<ScheduleRecord>> SchedulesAsync()
    {
        await using var unit = await Store.BeginReadAsync(Ct);
        return await unit.Schedules.ListAsync(Ct);
    }

    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _timeout.Dispose();
        _directory.Dispose();
    }

    private async Task OpenAsync()
    {
        _store = await SqliteStore.OpenAsync(_directory.Combine("controlplane.db"), Time, Ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStore>(_store);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Options.Create(new SchedulerOptions()));
        services.AddSingleton(Options.Create(_options));
        services.AddScheduling();
        services.AddSingleton(SecretValues.None);
        services.AddSingleton<WebhookSecretRule>();
        services.AddSingleton<WorkflowApplier>();
        services.AddSingleton<ScheduleFirer>();
        services.AddSingleton<ScheduleLoop>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private async Task CloseAsync()
    {
        if (Loop is not null)
        {
            await Loop.StopAsync(CancellationToken.None);
            Loop = null;
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
            await _store!.DisposeAsync();
            _services = null;
        }
    }
}
