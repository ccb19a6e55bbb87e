using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Auth;

/// <summary>
/// Throttles failed authentication per client address (<see cref="ClientAddress"/>): an address may fail
/// <see cref="AuthOptions.FailureLimit"/> times per <see cref="AuthOptions.FailureWindow"/>; after that every attempt
/// from it is refused (<see cref="AuthThrottledException"/>) before its credential is looked at, a valid one included,
/// until the window ends. Successful attempts are never counted. Callers check first, then record a failure.
/// </summary>
/// <remarks>
/// The counting is System.Threading.RateLimiting's partitioned fixed-window limiter: one permit per allowed failure.
/// Its limiters replenish by the machine's monotonic clock, which a test cannot move; so the window's number by the
/// server's <see cref="TimeProvider"/> is part of the partition key, and a new window starts with fresh permits. The
/// limiter's own replenishment, one window later in real time, then lets the old partition go idle and be dropped.
/// Thread-safe.
/// </remarks>
public sealed class AuthFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Partition> _limiter;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _limit;
    private readonly ILogger<AuthFailureLimiter> _logger;

    public AuthFailureLimiter(IOptions<AuthOptions> options, TimeProvider time, ILogger<AuthFailureLimiter> logger)
    {
        _time = time;
        _window = options.Value.FailureWindow;
        _limit = options.Value.FailureLimit;
        _logger = logger;
        var limiterOptions = new FixedWindowRateLimiterOptions { PermitLimit = _limit, Window = _window, QueueLimit = 0, AutoReplenishment = false };
        _limiter = PartitionedRateLimiter.Create<Partition, Partition>(partition => RateLimitPartition.GetFixedWindowLimiter(partition, _ => limiterOptions));
    }

    /// <summary>Call before looking at a credential; touches no store.</summary>
    /// <exception cref="AuthThrottledException"><paramref name="client"/> has used up its failures in this window.</exception>
    public void ThrowIfThrottled(IPAddress? client)
    {
        var (partition, retryAfter) = Current(client);
        if (_limiter.GetStatistics(partition) is { CurrentAvailablePermits: <= 0 })
        {
            throw new AuthThrottledException(retryAfter);
        }
    }

    /// <summary>Counts one failed authentication from <paramref name="client"/>.</summary>
    public void RecordFailure(IPAddress? client)
    {
        var (partition, retryAfter) = Current(client);
        using var lease = _limiter.AttemptAcquire(partition);
        if (lease.IsAcquired && _limiter.GetStatistics(partition) is { CurrentAvailablePermits: <= 0 })
        {
            AuthLog.ClientThrottled(_logger, partition.Client, _limit, _window, retryAfter);
        }
    }

    public void Dispose() => _limiter.Dispose();

    private (Partition Partition, TimeSpan RetryAfter) Current(IPAddress? client)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var number = now / _window.Ticks;
        var retryAfter = TimeSpan.FromTicks(((number + 1) * _window.Ticks) - now);
        return (new Partition(ClientAddress.KeyOf(client), number), retryAfter);
    }

    /// <summary>A client in one window.</summary>
    private readonly record struct Partition(string Client, long Window);
}
