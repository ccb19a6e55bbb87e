using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Events;

/// <summary>An event that is not a state transition (transitions write their own); the store stamps sequence and time.</summary>
public sealed record NewEvent(
    string Entity,
    string Kind,
    RunId? RunId = null,
    StepId? StepId = null,
    AttemptId? AttemptId = null,
    RunnerId? RunnerId = null,
    string? DataJson = null);
