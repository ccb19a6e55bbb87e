using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>One page of runs, newest first.</summary>
/// <param name="Next">The cursor for the next page; null on the last page.</param>
public sealed record RunPage(IReadOnlyList<RunSummary> Runs, RunId? Next);
