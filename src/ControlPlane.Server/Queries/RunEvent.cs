using ControlPlane.Core.Events;
using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>One event of a run as WatchRun shows it: the stored row, what its ids name, and the run's state after it.</summary>
/// <param name="StepKey">The key of the event's step, if it concerns one.</param>
/// <param name="AttemptNumber">The number of the event's attempt, if it concerns one.</param>
/// <param name="RunState">The run's state once this event had happened.</param>
public sealed record RunEvent(EventRecord Event, string? StepKey, int? AttemptNumber, RunState RunState);
