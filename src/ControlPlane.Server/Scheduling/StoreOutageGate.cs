using ControlPlane.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// Keeps the scheduler from deciding while the database cannot be written (disk full, read-only mount, I/O error): a
/// decision it cannot record is none, and the heartbeats and results runners sent meanwhile were not recorded either,
/// so leases would lapse that are not lost. Once a probe write commits, <see cref="SchedulerRecovery"/> grants the
/// failover grace before the next decision. Called by the one dispatch loop, never concurrently.
/// </summary>
public sealed class StoreOutageGate
{
    private readonly IStore _store;
    private readonly SchedulerRecovery _recovery;
    private readonly ILogger<StoreOutageGate> _logger;
    private long _resumed;
    private long _reported;

    public StoreOutageGate(IStore store, SchedulerRecovery recovery, SchedulerSignal signal, ILogger<StoreOutageGate> logger)
    {
        _store = store;
        _recovery = recovery;
        _logger = logger;

        // A write that failed outside a tick (an API call, a heartbeat) must still wake the loop, or it would sleep
        // until its next timer without probing.
        store.WriteHealth.Changed += health =>
        {
            if (!health.IsWritable)
            {
                signal.Wake();
            }
        };
    }

    /// <summary>
    /// True when the scheduler may decide: no outage began since the last resume, or the database can be written
    /// again and the grace was granted. False while it still cannot be written.
    /// </summary>
    public async Task<bool> TryResumeAsync(CancellationToken cancellationToken)
    {
        var health = _store.WriteHealth;
        var outages = health.Outages;
        if (outages == _resumed)
        {
            return true;
        }

        if (outages != _reported)
        {
            _reported = outages;
            SchedulerLog.StoreUnwritable(_logger, health.Failure?.Message ?? "the database cannot be written");
        }

        try
        {
            // The grace alone may write nothing (no runners, no attempts), so a probe proves the database writes.
            await _store.ProbeWriteAsync(cancellationToken);
            await _recovery.GrantGraceAfterStoreOutageAsync(cancellationToken);
        }
        catch (StoreUnwritableException)
        {
            return false;
        }

        _resumed = outages;
        return true;
    }
}
