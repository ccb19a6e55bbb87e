using ControlPlane.Core.Storage;

namespace ControlPlane.Core.Attempts;

/// <summary>
/// A runner's report about an attempt was refused because its <see cref="AttemptClaim"/> is not the current lease: the
/// epoch moved on (<see cref="StaleLeaseException"/>) or another runner holds the attempt
/// (<see cref="AttemptNotHeldException"/>). The report changes nothing; the runner is told to drop the attempt.
/// </summary>
public abstract class LeaseRefusedException : StoreException
{
    protected LeaseRefusedException(AttemptId attempt, string message)
        : base(message)
    {
        Attempt = attempt;
    }

    public AttemptId Attempt { get; }
}
