using ControlPlane.Core.Runs;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>What to start: a workflow (at a revision, default its latest) with inputs, and what asked for it.</summary>
/// <param name="IdempotencyKey">A repeat with the same key returns the run the first request created.</param>
/// <param name="Priority">Higher runs and their steps go first.</param>
public sealed record RunStartRequest(
    string WorkflowName,
    WorkflowRevisionId? Revision,
    IReadOnlyDictionary<string, string> Inputs,
    string? IdempotencyKey,
    int Priority)
{
    /// <summary>Manual unless a trigger fired.</summary>
    public RunOrigin Origin { get; init; } = RunOrigin.Manual;

    /// <summary>The webhook payload the run's expressions read as <c>event</c>.</summary>
    public string? EventJson { get; init; }
}
