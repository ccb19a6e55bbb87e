namespace ControlPlane.Server.Queries;

/// <summary>A run with every step of its plan, in plan order, each with its attempts.</summary>
public sealed record RunDetails(RunSummary Run, IReadOnlyList<StepDetails> Steps);
