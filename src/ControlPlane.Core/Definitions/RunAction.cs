namespace ControlPlane.Core.Definitions;

/// <summary>A shell script run by the agent on the host.</summary>
public sealed record RunAction(string Script, ShellKind Shell) : StepAction
{
    public override string Kind => "run";
}
