using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Attempts;

/// <summary>What runs an attempt on this host, recorded before the start is reported: a process group or a container.</summary>
internal sealed record StartedWork(ProcessIdentity? Process, string? ContainerId);
