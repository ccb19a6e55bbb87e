using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Scheduling;

/// <summary>The offers to make, why every other candidate waits, and the workflow served last (the round-robin cursor).</summary>
public sealed record PlacementPlan(IReadOnlyList<StepPlacement> Placements, IReadOnlyDictionary<StepId, string> PendingReasons, WorkflowId? LastServed);
