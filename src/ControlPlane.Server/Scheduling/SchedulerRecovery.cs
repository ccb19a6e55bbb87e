using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// Startup recovery, before the server listens: the store is the truth and memory starts empty, so the scheduler
/// rebuilds from it. Runners recorded online have no session in this process and are set offline. Attempts that were
/// offered or running get the failover grace, durably: their leases are extended to now plus the grace, giving their
/// runners time to reconnect and reattach before the leases are declared lost. Every active run is queued for a look.
/// Queues and timers need no rebuilding beyond that: the scheduler reads them from the store every tick. The same
/// grace is granted when the database can be written again after it could not (<see cref="StoreOutageGate"/>).
/// </summary>
public sealed class SchedulerRecovery
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly SchedulerSignal _signal;
    private readonly SchedulerOptions _options;
    private readonly ILogger<SchedulerRecovery> _logger;

    public SchedulerRecovery(IStore store, TimeProvider time, SchedulerSignal signal, IOptions<SchedulerOptions> options, ILogger<SchedulerRecovery> logger)
    {
        _store = store;
        _time = time;
        _signal = signal;
        _options = options.Value;
        _logger = logger;
    }

    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var grace = _options.EffectiveFailoverGrace;
        await using var unit = await _store.BeginAsync(cancellationToken);
        foreach (var runner in await unit.Runners.ListAsync(cancellationToken))
        {
            if (runner.State == RunnerState.Online)
            {
                await unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Disconnect, RunnerState.Online, cancellationToken);
            }
        }

        var live = await unit.Attempts.ListLiveAsync(cancellationToken);
        var expiresAt = _time.GetUtcNow() + grace;
        foreach (var attempt in live)
        {
            await unit.Attempts.ExtendLeaseAsync(attempt.Id, attempt.LeaseEpoch, expiresAt, cancellationToken);
        }

        var active = await unit.Runs.ListActiveAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);

        _signal.RunsChanged(active.Select(r => r.Id));
        SchedulerLog.Recovered(_logger, active.Count, live.Count, grace);
    }

    /// <summary>
    /// After the database could not be written: the heartbeats and reports runners sent meanwhile were not recorded,
    /// so the recorded heartbeat times and leases are stale. Online runners are recorded as heard from now, and the
    /// live attempts get the failover grace, as after a restart; a result an agent resends is then recorded once.
    /// </summary>
    /// <exception cref="StoreUnwritableException">The database still cannot be written; nothing changed.</exception>
    public async Task GrantGraceAfterStoreOutageAsync(CancellationToken cancellationToken)
    {
        var grace = _options.EffectiveFailoverGrace;
        await using var unit = await _store.BeginAsync(cancellationToken);
        foreach (var runner in await unit.Runners.ListAsync(cancellationToken))
        {
            if (runner.State == RunnerState.Online)
            {
                await unit.Runners.RecordHeartbeatAsync(runner.Id, cancellationToken);
            }
        }

        var live = await unit.Attempts.ListLiveAsync(cancellationToken);
        var expiresAt = _time.GetUtcNow() + grace;
        foreach (var attempt in live)
        {
            await unit.Attempts.ExtendLeaseAsync(attempt.Id, attempt.LeaseEpoch, expiresAt, cancellationToken);
        }

        var active = await unit.Runs.ListActiveAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);

        _signal.RunsChanged(active.Select(r => r.Id));
        SchedulerLog.StoreWritableAgain(_logger, live.Count, grace);
    }
}
