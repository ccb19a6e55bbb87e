namespace ControlPlane.Core.Definitions.Inputs;

/// <param name="Values">Every declared input with its typed value (given, else the default, else null).</param>
public sealed record InputBinding(IReadOnlyDictionary<string, object?> Values, IReadOnlyList<InputProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
