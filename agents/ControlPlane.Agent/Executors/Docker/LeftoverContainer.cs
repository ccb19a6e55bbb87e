using ControlPlane.Agent.Attempts;
using ControlPlane.Docker.Containers;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>A container an earlier life of the agent left, now removed.</summary>
/// <param name="ContainerId">The container's id.</param>
/// <param name="Attempt">The attempt it ran (to report as lost); null when its labels do not name one.</param>
/// <param name="Status">Its state when found: running means the attempt was cut off by the restart.</param>
public sealed record LeftoverContainer(string ContainerId, AttemptKey? Attempt, ContainerStatus Status);
