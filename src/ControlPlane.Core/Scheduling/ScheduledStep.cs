using ControlPlane.Core.Planning;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>A step of a run as the scheduling policies see it: where it stands and what its plan says.</summary>
/// <param name="Outputs">The step's evaluated outputs once it succeeded; empty otherwise.</param>
public sealed record ScheduledStep(StepId Id, string Key, StepState State, PlannedStep Spec, IReadOnlyDictionary<string, string> Outputs, int? ExitCode = null)
{
    public bool IsTerminal => StepStateMachine.IsTerminal(State);

    /// <summary>Failed without <c>continue_on_error</c>: this step decides the run and its dependents' <c>success()</c>.</summary>
    public bool FailedForReal => State == StepState.Failed && !Spec.ContinueOnError;
}
