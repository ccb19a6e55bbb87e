using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>
/// The hosted schedule loop: fires what is due (<see cref="ScheduleFirer"/>), then sleeps until the earliest next fire
/// time or until a workflow is applied (<see cref="ScheduleSignal"/>). It never polls; a sleep is capped at
/// <see cref="ScheduleSignal.MaxSleep"/> only so that a far-off time is re-checked against the wall clock.
/// </summary>
public sealed class ScheduleLoop : BackgroundService
{
    private readonly ScheduleFirer _firer;
    private readonly ScheduleSignal _signal;
    private readonly TimeProvider _time;
    private readonly ScheduleOptions _options;
    private readonly ILogger<ScheduleLoop> _logger;
    private int _passes;

    public ScheduleLoop(ScheduleFirer firer, ScheduleSignal signal, TimeProvider time, IOptions<ScheduleOptions> options, ILogger<ScheduleLoop> logger)
    {
        _firer = firer;
        _signal = signal;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Passes completed since start; tests wait on it instead of sleeping.</summary>
    public int Passes => Volatile.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Fire times before this instant passed while the server was down: they are "missed".
        var startedAt = _time.GetUtcNow();
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? wakeAt;
            try
            {
                var pass = await _firer.FireDueAsync(_time.GetUtcNow(), startedAt, stoppingToken);
                if (first)
                {
                    TriggerLog.ScheduleLoopStarted(_logger, pass.Fires.Count, _options.Missed);
                    first = false;
                }

                wakeAt = pass.NextDueAt;
                Interlocked.Increment(ref _passes);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                TriggerLog.ScheduleLoopFailed(_logger, e, _options.RetryDelay);
                wakeAt = _time.GetUtcNow() + _options.RetryDelay;
            }

            try
            {
                await _signal.WaitAsync(wakeAt, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
