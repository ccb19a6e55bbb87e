using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Scheduling;

/// <summary>A ready step waiting for a runner.</summary>
/// <param name="Labels">Every one must be on the runner (compared case-insensitively).</param>
/// <param name="MaxParallel">For a matrix expansion with a limit: how many of its group may be offered or running.</param>
/// <param name="Avoid">The runner that just rejected this step or let its offer expire; any other runner that fits goes first.</param>
public sealed record PlacementCandidate(
    StepId StepId,
    RunId RunId,
    WorkflowId WorkflowId,
    int Priority,
    IReadOnlyList<string> Labels,
    MatrixGroupKey? MatrixGroup = null,
    int? MaxParallel = null,
    RunnerId? Avoid = null);
