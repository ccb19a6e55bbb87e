using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Planning;

/// <summary>
/// One concrete unit of work in a plan: a step, or one matrix expansion of it, with everything the
/// scheduler needs resolved. Expressions that depend only on inputs and matrix values are already
/// substituted; the rest (<c>steps.*</c>, <c>env.*</c>, <c>secrets.*</c>, <c>run.*</c>) stay for run time.
/// </summary>
public sealed record PlannedStep
{
    /// <summary>Stable and unique in the plan: <c>build</c>, or <c>test[os=linux,node=20]</c> for a matrix expansion.</summary>
    public required string Key { get; init; }

    public required string StepId { get; init; }

    /// <summary>The display name: the step's name (substituted) or else its key.</summary>
    public required string Name { get; init; }

    /// <summary>The expansion's matrix values in axis order; empty for a step without a matrix.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Matrix { get; init; } = [];

    /// <summary>Keys of the planned steps this one waits for; needing a matrix step means needing all its expansions.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    public IReadOnlyList<string> RunsOn { get; init; } = [];

    public required TimeSpan Timeout { get; init; }

    public required RetryPolicy Retry { get; init; }

    /// <summary>Workflow env overlaid with the step's env.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>The <c>if</c> as written; evaluated at run time with the matrix values above.</summary>
    public string? Condition { get; init; }

    public bool ContinueOnError { get; init; }

    public required StepAction Action { get; init; }

    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Set for matrix expansions.</summary>
    public MatrixStrategy? Strategy { get; init; }

    /// <summary>The topological level: 0 for steps without needs, else one more than the deepest need.</summary>
    public int Level { get; init; }
}
