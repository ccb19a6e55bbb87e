using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Runs;

/// <summary>A page of runs, newest first (by id, which follows creation), with optional filters.</summary>
/// <param name="Limit">At most this many runs.</param>
/// <param name="Workflow">Only runs of this workflow.</param>
/// <param name="States">Only runs in one of these states; null or empty for all.</param>
/// <param name="CreatedAtOrAfter">Only runs created at or after this time.</param>
/// <param name="CreatedBefore">Only runs created strictly before this time.</param>
/// <param name="BeforeId">Only runs with a smaller id: the cursor the previous page ended at.</param>
public sealed record RunListQuery(
    int Limit,
    WorkflowId? Workflow = null,
    IReadOnlyList<RunState>? States = null,
    DateTimeOffset? CreatedAtOrAfter = null,
    DateTimeOffset? CreatedBefore = null,
    RunId? BeforeId = null);
