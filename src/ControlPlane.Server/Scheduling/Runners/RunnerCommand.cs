namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// What the server tells a connected runner, through its session's outbound queue, in the order it was decided.
/// Commands about one attempt derive from <see cref="AttemptCommand"/>; <see cref="DrainCommand"/> is about the runner.
/// </summary>
public abstract record RunnerCommand;
