namespace ControlPlane.Core.Attempts;

/// <summary>
/// A report about an attempt carried a lease epoch that is no longer current: the lease was revoked or granted
/// again since. The report is refused and changes nothing, so work never completes twice.
/// </summary>
public sealed class StaleLeaseException : LeaseRefusedException
{
    public StaleLeaseException(AttemptId attempt, long presentedEpoch, long currentEpoch)
        : base(attempt, $"Attempt {attempt} is under lease epoch {currentEpoch}; epoch {presentedEpoch} is stale.")
    {
        PresentedEpoch = presentedEpoch;
        CurrentEpoch = currentEpoch;
    }

    public long PresentedEpoch { get; }

    public long CurrentEpoch { get; }
}
