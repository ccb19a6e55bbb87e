namespace ControlPlane.Core.Steps;

/// <summary>What moves a step from one <see cref="StepState"/> to the next; see <see cref="StepStateMachine"/>.</summary>
public enum StepTrigger
{
    DependenciesMet,
    Skip,
    Offer,
    Start,
    Reject,
    OfferExpired,
    Succeed,
    Fail,
    ScheduleRetry,
    RetryDue,

    /// <summary>The attempt's lease expired and the retry policy grants another attempt.</summary>
    LeaseLostRetry,

    /// <summary>The attempt's lease expired and the retry policy is exhausted.</summary>
    LeaseLostFail,
    Cancel,
    Reset,
}
