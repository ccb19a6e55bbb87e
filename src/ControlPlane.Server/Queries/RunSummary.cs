using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>A run with the name of its workflow.</summary>
public sealed record RunSummary(RunRecord Run, string WorkflowName);
