using ControlPlane.Core.Runs;
using ControlPlane.Core.Statistics;

namespace ControlPlane.Server.Stats;

/// <summary>How the runs created in a window went.</summary>
/// <param name="Since">The window's start.</param>
/// <param name="RunsByState">Every state, zero included.</param>
/// <param name="SuccessRate">Succeeded over finished runs; 0 when none finished.</param>
/// <param name="P50Duration">Median start-to-finish time of the finished runs that started; null when there are none.</param>
/// <param name="P95Duration">Nearest-rank 95th percentile of the same.</param>
public sealed record RunStats(
    DateTimeOffset Since,
    long RunsTotal,
    IReadOnlyDictionary<RunState, long> RunsByState,
    long RunsFinished,
    double SuccessRate,
    TimeSpan? P50Duration,
    TimeSpan? P95Duration,
    IReadOnlyList<StepFailureCount> StepFailures);
