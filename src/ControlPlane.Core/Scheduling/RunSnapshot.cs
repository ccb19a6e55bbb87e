using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Scheduling;

/// <summary>One run as the readiness policy needs it: its inputs and all its steps in plan order.</summary>
/// <param name="Attempt">The run attempt (<c>run.attempt</c>), 1 unless the run was retried.</param>
public sealed record RunSnapshot(RunId RunId, int Attempt, IReadOnlyDictionary<string, object?> Inputs, IReadOnlyList<ScheduledStep> Steps)
{
    /// <summary>The webhook payload the run was started with (<c>event</c> in conditions); empty for other runs.</summary>
    public IReadOnlyDictionary<string, object?> Event { get; init; } = new Dictionary<string, object?>();
}
