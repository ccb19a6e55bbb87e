using ControlPlane.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// The hosted dispatch loop. Starting it runs <see cref="SchedulerRecovery"/> to completion first; the host starts
/// hosted services before Kestrel binds, so the server never accepts a call on a store it has not recovered. Then it
/// runs scheduler ticks: back to back while a tick leaves work undone, otherwise waiting for a signal or the earliest
/// due timer. It never polls, but while the database cannot be written it makes no decisions and probes it every
/// TickRetryDelay (<see cref="StoreOutageGate"/>).
/// </summary>
public sealed class DispatchLoop : BackgroundService
{
    private readonly Scheduler _scheduler;
    private readonly SchedulerRecovery _recovery;
    private readonly StoreOutageGate _outage;
    private readonly SchedulerSignal _signal;
    private readonly TimeProvider _time;
    private readonly SchedulerOptions _options;
    private readonly ILogger<DispatchLoop> _logger;
    private int _ticks;

    public DispatchLoop(Scheduler scheduler, SchedulerRecovery recovery, StoreOutageGate outage, SchedulerSignal signal, TimeProvider time, IOptions<SchedulerOptions> options, ILogger<DispatchLoop> logger)
    {
        _scheduler = scheduler;
        _recovery = recovery;
        _outage = outage;
        _signal = signal;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>True once recovery has finished (for the ordering check against the listeners).</summary>
    public bool Recovered { get; private set; }

    /// <summary>Ticks completed since start, for measurements.</summary>
    public int Ticks => Volatile.Read(ref _ticks);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _recovery.RecoverAsync(cancellationToken);
        Recovered = true;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TickResult result;
            try
            {
                if (!await _outage.TryResumeAsync(stoppingToken))
                {
                    await WaitAsync(_time.GetUtcNow() + _options.TickRetryDelay, stoppingToken);
                    continue;
                }

                result = await _scheduler.RunOnceAsync(stoppingToken);
                Interlocked.Increment(ref _ticks);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnwritableException)
            {
                // Nothing of the tick was written; the gate logs the outage and probes until writes work again.
                continue;
            }
            catch (Exception e)
            {
                SchedulerLog.TickFailed(_logger, e, _options.TickRetryDelay);
                await WaitAsync(_time.GetUtcNow() + _options.TickRetryDelay, stoppingToken);
                continue;
            }

            if (!result.MoreWork)
            {
                await WaitAsync(result.NextDueAt, stoppingToken);
            }
        }
    }

    private async Task WaitAsync(DateTimeOffset? until, CancellationToken stoppingToken)
    {
        try
        {
            await _signal.WaitAsync(until, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
