namespace ControlPlane.Core.Definitions;

/// <summary>Limits applied while loading a workflow.</summary>
public sealed record WorkflowLoadOptions
{
    public static WorkflowLoadOptions Default { get; } = new();

    /// <summary>
    /// For revisions the store already holds: keys that were valid when the revision was applied and have since been
    /// removed are warnings, not errors, so an older revision still loads (and fails only where the key mattered).
    /// </summary>
    public static WorkflowLoadOptions Stored { get; } = new() { ToleratesRemovedKeys = true };

    /// <summary>Most combinations one step's matrix may expand to. Default 256, as in GitHub Actions.</summary>
    public int MaxMatrixCombinations { get; init; } = 256;

    /// <summary>Whether removed keys (such as <c>on.webhook.secret_env</c>) are warnings rather than errors. Default false.</summary>
    public bool ToleratesRemovedKeys { get; init; }
}
