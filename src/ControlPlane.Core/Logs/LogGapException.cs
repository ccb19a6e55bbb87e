using ControlPlane.Core.Attempts;
using ControlPlane.Core.Storage;

namespace ControlPlane.Core.Logs;

/// <summary>
/// A log chunk started past the bytes the store holds. It is refused rather than held: the runner spools its log
/// and resends from <see cref="ExpectedOffset"/>, so holding out-of-order chunks would only add state to lose.
/// </summary>
public sealed class LogGapException : StoreException
{
    public LogGapException(AttemptId attempt, long expectedOffset, long receivedOffset)
        : base($"Log of attempt {attempt} continues at byte {expectedOffset}; a chunk at {receivedOffset} would leave a gap.")
    {
        Attempt = attempt;
        ExpectedOffset = expectedOffset;
        ReceivedOffset = receivedOffset;
    }

    public AttemptId Attempt { get; }

    /// <summary>The acknowledged offset: resend from here.</summary>
    public long ExpectedOffset { get; }

    public long ReceivedOffset { get; }
}
