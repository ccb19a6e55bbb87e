namespace ControlPlane.Core.Statistics;

/// <summary>The steps waiting for a runner.</summary>
/// <param name="Depth">How many steps are ready.</param>
/// <param name="OldestReadyAt">When the longest-waiting one became ready; null when none is.</param>
public sealed record ReadyQueueStatus(long Depth, DateTimeOffset? OldestReadyAt);
