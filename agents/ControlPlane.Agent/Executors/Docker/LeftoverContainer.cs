using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>A container an earlier life of the agent left, now removed.</summary>
/// <param name="ContainerId">The container's id.</param>
/// <param name="Attempt">The attempt it ran (to report as lost); null when its labels do not name one.</param>
/// <param name="State">Its state when found, as the daemon names it (<c>created</c>, <c>running</c>, <c>exited</c>, ...): running means the attempt was cut off by the restart.</param>
public sealed record LeftoverContainer(string ContainerId, AttemptKey? Attempt, string State);
