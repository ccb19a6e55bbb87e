namespace ControlPlane.Core.Runners;

/// <summary>Whether a registered runner is connected. Draining is a separate flag, not a state.</summary>
public enum RunnerState
{
    Offline,
    Online,
    Lost,
}
