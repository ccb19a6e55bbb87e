namespace ControlPlane.Agent.Session;

/// <summary>
/// Self-fencing: the server revokes a runner's leases once it has heard nothing from the runner for a lease duration,
/// and places the work elsewhere. An agent that has heard nothing from the server for that long must therefore assume
/// its leases are gone and stop its running work, or two copies of a step would run at once. This tracks the last
/// contact across sessions (reconnects included) and calls back once per silence that outlasts the lease; a
/// server that is merely restarting grants a failover grace, so an outage shorter than the lease is invisible.
/// </summary>
/// <remarks>
/// A refused connection counts as contact (<see cref="ServerDown"/>): it means the server's host answered and no server
/// process listens, so nothing is placing work elsewhere, and a restarted server grants every runner a failover grace
/// of at least a lease from its start. So does a server answering that its database cannot be written
/// (<see cref="StoreOutage"/>): it decides nothing until it can, then grants the same grace. So a server that is down,
/// being upgraded or out of disk, however long, does not make agents stop their builds; only silence that could be a
/// partition (timeouts, unreachable) does.
/// </remarks>
internal sealed class LeaseFence
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _contact = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _lastHeard;
    private TimeSpan _lease;
    private bool _fired;

    public LeaseFence(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The server said something; <paramref name="lease"/> is the lease it grants (from its Welcome).</summary>
    public void Heard(TimeSpan lease)
    {
        TaskCompletionSource contact;
        lock (_gate)
        {
            _lastHeard = _time.GetUtcNow();
            _lease = lease;
            _fired = false;
            contact = _contact;
            _contact = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        contact.TrySetResult();
    }

    /// <summary>
    /// A connection attempt was refused, or the server said it cannot write its database: the server is down or
    /// paused, not partitioned away, so the leases cannot be given to anyone else until it is back. Keeps the leases as
    /// <see cref="Heard"/> does, without re-arming a fence that fired.
    /// </summary>
    public void ServerDown()
    {
        lock (_gate)
        {
            if (_lastHeard is not null && !_fired)
            {
                _lastHeard = _time.GetUtcNow();
            }
        }
    }

    /// <summary>How long the leases have been expired at <paramref name="now"/> by the agent's reckoning; null while they hold (or before any contact).</summary>
    public TimeSpan? ExpiredSilence(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _lastHeard is { } heard && now - heard >= _lease ? now - heard : null;
        }
    }

    /// <summary>Calls <paramref name="fence"/> (with the silence so far) each time a silence outlasts the lease, until cancelled.</summary>
    public async Task RunAsync(Action<TimeSpan> fence, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task wake;
            DateTimeOffset? deadline;
            TimeSpan? silence = null;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                wake = _contact.Task;
                deadline = _lastHeard is { } heard && !_fired ? heard + _lease : null;
                if (deadline <= now)
                {
                    _fired = true;
                    silence = now - _lastHeard!.Value;
                    deadline = null;
                }
            }

            if (silence is { } expired)
            {
                fence(expired);
            }

            // A contact only moves the deadline later, so the loop sleeps until the deadline and looks again; with no
            // deadline (fired, or never connected) it waits for the next contact.
            if (deadline is { } due)
            {
                await Task.Delay(Max(due - _time.GetUtcNow(), TimeSpan.Zero), _time, cancellationToken);
            }
            else
            {
                await wake.WaitAsync(cancellationToken);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
