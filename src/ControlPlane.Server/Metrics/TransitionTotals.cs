using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Server.Metrics;

/// <summary>Cumulative counts of committed transitions since the server started (immutable; add returns a new one).</summary>
/// <param name="RunsStarted">Runs that went from queued to running (a retried run starts again).</param>
/// <param name="RunsFinished">Runs that reached a final state, by that state.</param>
/// <param name="StepsFinished">Steps that reached a final state, by that state.</param>
public sealed record TransitionTotals(long RunsStarted, IReadOnlyDictionary<RunState, long> RunsFinished, IReadOnlyDictionary<StepState, long> StepsFinished)
{
    /// <summary>The final states a run can reach.</summary>
    public static IReadOnlyList<RunState> FinalRunStates { get; } = [RunState.Succeeded, RunState.Failed, RunState.Cancelled];

    /// <summary>The final states a step can reach.</summary>
    public static IReadOnlyList<StepState> FinalStepStates { get; } = [StepState.Succeeded, StepState.Failed, StepState.Skipped, StepState.Cancelled];

    public static TransitionTotals Zero { get; } = new(0, FinalRunStates.ToDictionary(s => s, _ => 0L), FinalStepStates.ToDictionary(s => s, _ => 0L));

    /// <summary>These totals plus the transitions among <paramref name="events"/>.</summary>
    public TransitionTotals Add(IEnumerable<Core.Events.EventRecord> events)
    {
        var started = RunsStarted;
        var runs = new Dictionary<RunState, long>(RunsFinished);
        var steps = new Dictionary<StepState, long>(StepsFinished);
        foreach (var e in events)
        {
            if (e.ToState is null || e.FromState is null || e.FromState == e.ToState)
            {
                continue;
            }

            if (e.Entity == "run")
            {
                var to = Core.StateMachines.EnumText.Parse<RunState>(e.ToState);
                if (to == RunState.Running && e.FromState == "queued")
                {
                    started++;
                }
                else if (runs.TryGetValue(to, out var finished))
                {
                    runs[to] = finished + 1;
                }
            }
            else if (e.Entity == "step" && Core.StateMachines.EnumText.Parse<StepState>(e.ToState) is var step && steps.TryGetValue(step, out var ended))
            {
                steps[step] = ended + 1;
            }
        }

        return new TransitionTotals(started, runs, steps);
    }
}
