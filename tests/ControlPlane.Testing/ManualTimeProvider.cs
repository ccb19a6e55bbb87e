namespace ControlPlane.Testing;

/// <summary>
/// A clock that moves only when a test says so, for time-dependent logic without sleeps. Timers created from it
/// (including <c>Task.Delay(delay, timeProvider)</c>) fire during <see cref="Advance"/>, in due order, each seeing
/// the clock at its due time. Starts at 2025-01-01T00:00:00Z unless told otherwise (whole milliseconds, as stored).
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (NextDue(target) is { } timer)
        {
            timer.Fire();
        }

        lock (_gate)
        {
            _now = target;
        }
    }

    /// <summary>Moves the clock forward to <paramref name="time"/>; it never goes back.</summary>
    public void AdvanceTo(DateTimeOffset time) => Advance(time - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    // Takes the earliest timer due by target, moves the clock to its due time and schedules its next tick.
    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (_gate)
        {
            var timer = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
            if (timer is null)
            {
                return null;
            }

            _now = timer.DueAt!.Value;
            if (timer.Period is { } period)
            {
                timer.DueAt = _now + period;
            }
            else
            {
                _timers.Remove(timer);
                timer.DueAt = null;
            }

            return timer;
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = null;
                    return true;
                }

                DueAt = owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                owner._timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
