using ControlPlane.Core.Attempts;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// What the server tells a connected runner, through its session's outbound queue. Every command names the attempt and
/// the lease epoch it is about; the runner echoes the epoch in everything it reports back.
/// </summary>
public abstract record RunnerCommand(AttemptId AttemptId, long Epoch);
