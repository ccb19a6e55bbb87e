using ControlPlane.Core.Runners;

namespace ControlPlane.Core.Attempts;

/// <summary>
/// A runner reported about an attempt that another runner holds. Checked before the epoch, so the refusal tells the
/// claimant nothing about the holder or its lease; fencing never depends on epochs being secret.
/// </summary>
public sealed class AttemptNotHeldException : LeaseRefusedException
{
    public AttemptNotHeldException(AttemptId attempt, RunnerId claimant)
        : base(attempt, $"Attempt {attempt} is not held by runner {claimant}.")
    {
        Claimant = claimant;
    }

    public RunnerId Claimant { get; }
}
