using ControlPlane.Core.Runners;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>Offer this step to this runner.</summary>
public sealed record StepPlacement(StepId StepId, RunnerId RunnerId);
