using ControlPlane.Core.Attempts;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// A command about one attempt: it names the attempt and the lease epoch it is about; the runner echoes the epoch in
/// everything it reports back.
/// </summary>
public abstract record AttemptCommand(AttemptId AttemptId, long Epoch) : RunnerCommand;
