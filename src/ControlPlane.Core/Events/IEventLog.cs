using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Events;

/// <summary>
/// The append-only event log. Transitions write their own events; this appends others and reads them back.
/// Sequences strictly increase and are never reused (also across restarts), so a reader resumes after the last
/// sequence it saw.
/// </summary>
public interface IEventLog
{
    Task<EventRecord> AppendAsync(NewEvent newEvent, CancellationToken cancellationToken);

    /// <summary>Events with a sequence greater than <paramref name="afterSequence"/>, in order (0 reads from the start).</summary>
    Task<IReadOnlyList<EventRecord>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The run's events with a sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<EventRecord>> ReadRunAfterAsync(RunId runId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The run's own events (entity "run": its creation and every transition), in order: the run's state at any
    /// sequence is the <c>to_state</c> of the last of them at or before it. A handful per run attempt.
    /// </summary>
    Task<IReadOnlyList<EventRecord>> ReadRunLifecycleAsync(RunId runId, CancellationToken cancellationToken);

    /// <summary>The step's latest event of <paramref name="kind"/> (e.g. <c>reset</c>), or null if it has none.</summary>
    Task<EventRecord?> FindLastStepEventAsync(RunId runId, StepId stepId, string kind, CancellationToken cancellationToken);

    /// <summary>The last sequence written, or 0 if none.</summary>
    Task<long> LatestSequenceAsync(CancellationToken cancellationToken);
}
