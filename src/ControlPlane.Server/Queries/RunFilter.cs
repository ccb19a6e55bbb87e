using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>Which runs to list, newest first.</summary>
/// <param name="WorkflowName">Only runs of this workflow; null for all.</param>
/// <param name="States">Only runs in one of these states; empty for all.</param>
/// <param name="After">The cursor of the previous page: only runs older than this one.</param>
public sealed record RunFilter(
    int PageSize,
    string? WorkflowName = null,
    IReadOnlyList<RunState>? States = null,
    DateTimeOffset? CreatedAtOrAfter = null,
    DateTimeOffset? CreatedBefore = null,
    RunId? After = null);
