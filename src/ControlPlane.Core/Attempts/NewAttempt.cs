using ControlPlane.Core.Runners;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Attempts;

/// <summary>An offer of a ready step to a runner, under a lease that expires at <paramref name="LeaseExpiresAt"/> unless extended.</summary>
public sealed record NewAttempt(StepId StepId, RunnerId RunnerId, DateTimeOffset LeaseExpiresAt);
