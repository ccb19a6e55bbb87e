using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Runs;

/// <summary>A run to create in state queued.</summary>
/// <param name="InputsJson">The run's inputs as a JSON object; opaque to the store.</param>
/// <param name="IdempotencyKey">A client key: a second submit with the same key finds this run instead of creating one.</param>
/// <param name="ConcurrencyKey">Runs sharing this key are limited together by the scheduler.</param>
/// <param name="Priority">Higher first; ties are first come, first served.</param>
/// <param name="Timeout">The run's deadline is its start plus this; none when null.</param>
public sealed record NewRun(
    WorkflowId WorkflowId,
    WorkflowRevisionId RevisionId,
    string InputsJson = "{}",
    string? IdempotencyKey = null,
    string? ConcurrencyKey = null,
    int Priority = 0,
    TimeSpan? Timeout = null)
{
    /// <summary>What starts the run; manual unless a trigger fired.</summary>
    public RunOrigin Origin { get; init; } = RunOrigin.Manual;

    /// <summary>The webhook payload (a JSON object) that the run's expressions read as <c>event</c>; null for none.</summary>
    public string? EventJson { get; init; }
}
