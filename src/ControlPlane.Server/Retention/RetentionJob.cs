using ControlPlane.Core.Storage;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Retention;

/// <summary>Runs a <see cref="RetentionSweep"/> at start and then every <see cref="RetentionOptions.Interval"/>; a failed pass is logged and tried again.</summary>
public sealed class RetentionJob : BackgroundService
{
    private readonly RetentionSweep _sweep;
    private readonly TimeProvider _time;
    private readonly RetentionOptions _options;
    private readonly ILogger<RetentionJob> _logger;

    public RetentionJob(RetentionSweep sweep, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
    {
        _sweep = sweep;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RetentionLog.Enabled(_logger, _options.MaxAge, _options.MaxLogBytes, _options.Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _sweep.RunOnceAsync(stoppingToken);
            }
            catch (StoreException e)
            {
                RetentionLog.PassFailed(_logger, e, _options.Interval);
            }

            await Task.Delay(_options.Interval, _time, stoppingToken);
        }
    }
}
