namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>The <c>run</c> context: which run and which attempt of the current step.</summary>
public sealed record RunInfo(string Id, int Attempt);
