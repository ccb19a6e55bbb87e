namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>
/// Stands in for the action of a step that has none or an invalid one, so the rest of the file can
/// still be checked. Such a step always comes with an error, so it never reaches a caller.
/// </summary>
internal sealed record MissingAction : StepAction
{
    public static MissingAction Instance { get; } = new();

    public override string Kind => "none";
}
