using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Planning;

/// <summary>The concrete step graph of one run: what a dry run shows and what the scheduler consumes.</summary>
public sealed record WorkflowPlan
{
    public required string WorkflowName { get; init; }

    /// <summary>The definition's content hash (<see cref="Definitions.Identity.WorkflowContentHash"/>), i.e. its revision.</summary>
    public required string DefinitionHash { get; init; }

    /// <summary>Every declared input with its typed value.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Planned steps ordered by level, then file order, then matrix order.</summary>
    public required IReadOnlyList<PlannedStep> Steps { get; init; }

    /// <summary>Keys per topological level; every step's needs are in earlier levels.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Levels { get; init; }

    public TimeSpan? Timeout { get; init; }

    public ConcurrencyPolicy? Concurrency { get; init; }

    /// <summary>The concurrency key evaluated with the inputs, when the workflow has one.</summary>
    public string? ConcurrencyKey { get; init; }

    public PlannedStep? Find(string key) => Steps.FirstOrDefault(s => s.Key == key);
}
