using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Scheduling;

/// <summary>How a finished step reads in expressions.</summary>
public static class StepOutcomes
{
    /// <summary>What the step did: <c>steps.&lt;id&gt;.outcome</c>. A failure is a failure even under <c>continue_on_error</c>.</summary>
    public static StepOutcome Outcome(StepState state) => state switch
    {
        StepState.Succeeded => StepOutcome.Success,
        StepState.Failed => StepOutcome.Failure,
        StepState.Skipped => StepOutcome.Skipped,
        StepState.Cancelled => StepOutcome.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Only a finished step has an outcome."),
    };

    /// <summary>What dependents' status functions see: a failure under <c>continue_on_error</c> counts as success.</summary>
    public static StepOutcome Conclusion(ScheduledStep step) =>
        step.State == StepState.Failed && step.Spec.ContinueOnError ? StepOutcome.Success : Outcome(step.State);
}
