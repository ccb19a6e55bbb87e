namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>The runner was drained by an operator: it takes no new work and exits once its attempts have ended.</summary>
public sealed record DrainCommand(string Reason) : RunnerCommand;
