namespace ControlPlane.Core.Definitions.Inputs;

/// <summary>Why a given set of input values does not fit a workflow's declarations.</summary>
public sealed record InputProblem(string Code, string InputName, string Message);
