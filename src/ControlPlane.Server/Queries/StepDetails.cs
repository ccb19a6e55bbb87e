using ControlPlane.Core.Steps;

namespace ControlPlane.Server.Queries;

/// <summary>A step with its attempts, first to last.</summary>
public sealed record StepDetails(StepRecord Step, IReadOnlyList<AttemptDetails> Attempts);
