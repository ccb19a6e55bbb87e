using ControlPlane.Core.Planning;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Scheduling;

/// <summary>Runs of inline workflows with chosen step states, as the scheduling policies see them.</summary>
internal static class PlannedRuns
{
    public static WorkflowPlan Plan(string yaml, Dictionary<string, string>? inputs = null) =>
        WorkflowPlanner.Plan(TestWorkflows.Load(yaml), inputs);

    /// <summary>Every step pending unless <paramref name="states"/> says otherwise; step ids follow plan order.</summary>
    public static RunSnapshot Snapshot(string yaml, params (string Key, StepState State)[] states) =>
        Snapshot(Plan(yaml), states);

    public static RunSnapshot Snapshot(WorkflowPlan plan, params (string Key, StepState State)[] states)
    {
        var stateOf = states.ToDictionary(s => s.Key, s => s.State);
        var steps = plan.Steps
            .Select((spec, i) => new ScheduledStep(new StepId(i + 1), spec.Key, stateOf.GetValueOrDefault(spec.Key, StepState.Pending), spec, new Dictionary<string, string>()))
            .ToList();
        return new RunSnapshot(new RunId(7), 1, plan.Inputs, steps);
    }
}
