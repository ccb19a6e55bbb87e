using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Server.Metrics;

/// <summary>What the observable instruments report, read from the store and the runner registry at one moment.</summary>
/// <param name="RunsByState">Runs in each state (every state present, zero included).</param>
/// <param name="LiveStepsByState">Steps of unfinished runs in each state (every state present).</param>
/// <param name="ReadySteps">Steps waiting for a runner: the queue depth.</param>
/// <param name="OldestReadyAge">How long the longest-waiting ready step has waited; zero when none waits.</param>
/// <param name="ConnectedRunners">Runners with an open session.</param>
/// <param name="FreeSlots">Attempts the connected, non-draining runners could still take.</param>
/// <param name="Transitions">Run and step transitions committed since the server started.</param>
public sealed record MetricsSnapshot(
    DateTimeOffset TakenAt,
    IReadOnlyDictionary<RunState, long> RunsByState,
    IReadOnlyDictionary<StepState, long> LiveStepsByState,
    long ReadySteps,
    TimeSpan OldestReadyAge,
    int ConnectedRunners,
    long FreeSlots,
    TransitionTotals Transitions)
{
    /// <summary>Before the first read: everything zero.</summary>
    public static MetricsSnapshot Empty { get; } = new(
        DateTimeOffset.MinValue,
        Enum.GetValues<RunState>().ToDictionary(s => s, _ => 0L),
        Enum.GetValues<StepState>().ToDictionary(s => s, _ => 0L),
        0,
        TimeSpan.Zero,
        0,
        0,
        TransitionTotals.Zero);
}
