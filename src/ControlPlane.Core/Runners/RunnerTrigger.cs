namespace ControlPlane.Core.Runners;

/// <summary>What moves a runner between <see cref="RunnerState"/>s; see <see cref="RunnerStateMachine"/>.</summary>
public enum RunnerTrigger
{
    Connect,
    Disconnect,
    HeartbeatsMissed,
}
