namespace ControlPlane.Core.Definitions;

/// <summary>What a step does. Exactly one of <see cref="RunAction"/>, <see cref="DockerAction"/>, <see cref="HttpAction"/>, <see cref="SleepAction"/>.</summary>
public abstract record StepAction
{
    /// <summary>The key the action is written under: run, docker, http or sleep.</summary>
    public abstract string Kind { get; }
}
