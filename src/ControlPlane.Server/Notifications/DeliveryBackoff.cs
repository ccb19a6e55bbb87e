namespace ControlPlane.Server.Notifications;

/// <summary>Exponential backoff with jitter between delivery attempts.</summary>
public static class DeliveryBackoff
{
    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based): base × 2^(attempt-1), scaled by a random
    /// factor in [0.8, 1.2) so many deliveries failing together do not retry together, and capped at <paramref name="max"/>.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan max, Random random)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var jittered = exponential * (0.8 + (0.4 * random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}
