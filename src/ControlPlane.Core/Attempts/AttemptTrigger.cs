namespace ControlPlane.Core.Attempts;

/// <summary>What moves an attempt from one <see cref="AttemptState"/> to the next; see <see cref="AttemptStateMachine"/>.</summary>
public enum AttemptTrigger
{
    Start,
    Succeed,
    Fail,
    Reject,
    OfferExpired,
    LeaseLost,
    Cancel,
}
