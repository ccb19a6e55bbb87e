using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions;

/// <summary>One unit of work: an action plus where, when and how often it runs.</summary>
public sealed record StepDefinition
{
    /// <summary>Unique within the workflow; letters, digits, '_' and '-'.</summary>
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>Ids of the steps this step waits for, in file order, with group ids and group nesting resolved.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    public required StepAction Action { get; init; }

    /// <summary>Runner labels; empty means the workflow defaults.</summary>
    public IReadOnlyList<string> RunsOn { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    public TimeSpan? Timeout { get; init; }

    public RetrySettings? Retry { get; init; }

    /// <summary>The <c>if</c> condition as written (with or without <c>${{ }}</c>); null means <c>success()</c>.</summary>
    public string? Condition { get; init; }

    /// <summary>A failure of this step does not fail the run or its dependents' <c>success()</c>.</summary>
    public bool ContinueOnError { get; init; }

    public MatrixDefinition? Matrix { get; init; }

    /// <summary>Output name to template, evaluated when the step finishes (the <c>result</c> context is available).</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of the secrets this step may read as <c>secrets.&lt;name&gt;</c>.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public required SourceLocation Location { get; init; }
}
