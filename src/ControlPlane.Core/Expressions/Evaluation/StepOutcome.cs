namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>How a step ended, as read by <c>steps.&lt;id&gt;.outcome</c> (lower case in expressions).</summary>
public enum StepOutcome
{
    Success,
    Failure,
    Cancelled,
    Skipped,
}
