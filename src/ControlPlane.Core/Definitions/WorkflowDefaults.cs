namespace ControlPlane.Core.Definitions;

/// <summary>Settings every step inherits unless it sets its own.</summary>
public sealed record WorkflowDefaults
{
    public static WorkflowDefaults None { get; } = new();

    public TimeSpan? Timeout { get; init; }

    /// <summary>Merged field by field under a step's own retry settings.</summary>
    public RetrySettings? Retry { get; init; }

    /// <summary>Runner labels; a step's own <c>runs_on</c> replaces them rather than adding to them.</summary>
    public IReadOnlyList<string> RunsOn { get; init; } = [];
}
