using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions;

/// <summary>
/// A validated workflow: what a file describes, independent of how it was written. Steps are flat;
/// <c>parallel:</c> and <c>sequence:</c> groups have already been expanded into <see cref="StepDefinition.Needs"/>.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<InputDefinition> Inputs { get; init; } = [];

    /// <summary>Environment for every step; values may hold <c>${{ inputs.* }}</c> and <c>${{ run.* }}</c>.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public WorkflowDefaults Defaults { get; init; } = WorkflowDefaults.None;

    public ConcurrencyPolicy? Concurrency { get; init; }

    /// <summary>Upper bound for the whole run; null means only step timeouts apply.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Steps in file order (depth-first through groups).</summary>
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    public WorkflowTriggers Triggers { get; init; } = WorkflowTriggers.None;

    /// <summary>Webhooks told about this workflow's runs (<c>notify:</c>), besides the server-wide defaults.</summary>
    public IReadOnlyList<NotifyTarget> Notify { get; init; } = [];

    /// <summary>Where the definition came from, for messages; not part of its identity.</summary>
    public required SourceLocation Location { get; init; }

    public StepDefinition? FindStep(string id)
    {
        foreach (var step in Steps)
        {
            if (step.Id == id)
            {
                return step;
            }
        }

        return null;
    }
}
