namespace ControlPlane.Agent.Session;

/// <summary>
/// Exponential backoff with full jitter between reconnect attempts: the delay is uniform in [0, min(max, min·2^n)], so
/// agents that lost the same server do not all come back at the same instant. Reset after a successful session.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private int _failures;

    public ReconnectBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
    }

    public TimeSpan NextDelay()
    {
        var ceiling = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)));
        _failures++;
        return TimeSpan.FromMilliseconds(Math.Max(_min.TotalMilliseconds / 2, Random.Shared.NextDouble() * ceiling));
    }

    public void Reset() => _failures = 0;
}
