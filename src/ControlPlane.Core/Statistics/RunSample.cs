using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Statistics;

/// <summary>What statistics need of one run.</summary>
/// <param name="StartedAt">Null when it never started (e.g. cancelled while queued).</param>
/// <param name="FinishedAt">Null while it is not finished.</param>
public sealed record RunSample(RunId Id, RunState State, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
