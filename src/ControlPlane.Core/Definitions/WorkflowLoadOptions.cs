namespace ControlPlane.Core.Definitions;

/// <summary>Limits applied while loading a workflow.</summary>
public sealed record WorkflowLoadOptions
{
    public static WorkflowLoadOptions Default { get; } = new();

    /// <summary>Most combinations one step's matrix may expand to. Default 256, as in GitHub Actions.</summary>
    public int MaxMatrixCombinations { get; init; } = 256;
}
