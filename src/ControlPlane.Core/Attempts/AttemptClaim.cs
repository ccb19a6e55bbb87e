using ControlPlane.Core.Runners;

namespace ControlPlane.Core.Attempts;

/// <summary>
/// What a runner presents with every report about an attempt: who it is (from its authenticated stream, never from
/// the message) and the lease epoch it was given. A report is accepted only when <see cref="Runner"/> holds
/// <see cref="Attempt"/> under exactly <see cref="Epoch"/>.
/// </summary>
public readonly record struct AttemptClaim(RunnerId Runner, AttemptId Attempt, long Epoch)
{
    /// <summary>Checks the claim against the attempt's holder and current epoch, the holder first.</summary>
    /// <exception cref="AttemptNotHeldException">Another runner holds the attempt.</exception>
    /// <exception cref="StaleLeaseException">The epoch is not current.</exception>
    public void Verify(RunnerId holder, long currentEpoch)
    {
        if (holder != Runner)
        {
            throw new AttemptNotHeldException(Attempt, Runner);
        }

        if (currentEpoch != Epoch)
        {
            throw new StaleLeaseException(Attempt, Epoch, currentEpoch);
        }
    }
}
