using ControlPlane.Core.Attempts;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// Stop this attempt: interrupt, then terminate, then kill its process group within <paramref name="Grace"/>, and report
/// it finished. For an attempt the server has already ended (timeout, fail_fast, run timeout) the report is refused;
/// the runner just cleans up.
/// </summary>
public sealed record CancelCommand(AttemptId AttemptId, long Epoch, TimeSpan Grace, string Reason) : AttemptCommand(AttemptId, Epoch)
{
    /// <summary>The runner had started the work: its slot stays busy until it reports the attempt ended.</summary>
    public bool WorkStarted { get; init; }
}
