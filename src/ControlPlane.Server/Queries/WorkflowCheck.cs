using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Server.Queries;

/// <summary>The outcome of checking a workflow file and planning it, without storing anything.</summary>
/// <param name="WorkflowName">Empty when the file is too broken to tell.</param>
/// <param name="ContentHash">Empty when the file is invalid.</param>
/// <param name="PlanText">The rendered plan; empty when the file or the inputs are invalid.</param>
public sealed record WorkflowCheck(bool IsValid, IReadOnlyList<Diagnostic> Diagnostics, string WorkflowName, string ContentHash, string PlanText);
