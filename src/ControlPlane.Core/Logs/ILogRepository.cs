using ControlPlane.Core.Attempts;

namespace ControlPlane.Core.Logs;

/// <summary>
/// Attempt logs, appended idempotently by byte offset so a runner can resend until acknowledged. The store holds
/// each attempt's log contiguously from byte 0; <see cref="LogStatus.ReceivedBytes"/> is the acknowledged offset.
/// </summary>
public interface ILogRepository
{
    /// <summary>
    /// Appends a chunk under <paramref name="claim"/> (chunks may trail the attempt's result, but not a revoked lease):
    /// bytes already held are ignored (a duplicate or the overlapping head of a chunk is harmless and not compared),
    /// new bytes are stored. Returns the status, whose received bytes is the offset to acknowledge.
    /// </summary>
    /// <exception cref="LogGapException">The chunk starts past the received bytes; nothing was stored.</exception>
    /// <exception cref="LogIntegrityException">The chunk runs past the declared length, or completing the log revealed a checksum mismatch.</exception>
    /// <exception cref="LeaseRefusedException">The claim's runner does not hold the attempt, or its epoch is not current.</exception>
    Task<LogStatus> AppendAsync(AttemptClaim claim, LogChunk chunk, CancellationToken cancellationToken);

    /// <summary>
    /// Records the runner's declared total length and <see cref="LogChecksum"/>. If every byte is already held the
    /// checksum is verified now and the log is complete; otherwise it is verified by the append that completes it.
    /// Idempotent for the same declaration.
    /// </summary>
    /// <exception cref="LogIntegrityException">A mismatch, more bytes held than declared, or a different declaration than before.</exception>
    /// <exception cref="LeaseRefusedException">The claim's runner does not hold the attempt, or its epoch is not current.</exception>
    Task<LogStatus> ConfirmAsync(AttemptClaim claim, long length, string checksum, CancellationToken cancellationToken);

    /// <exception cref="Storage.EntityNotFoundException">No such attempt.</exception>
    Task<LogStatus> GetStatusAsync(AttemptId attemptId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the log from <paramref name="fromOffset"/> on, in offset order, stopping once about
    /// <paramref name="maxBytes"/> are returned (at least one chunk if any exists). The first chunk is trimmed to
    /// start exactly at <paramref name="fromOffset"/>.
    /// </summary>
    Task<IReadOnlyList<LogChunk>> ReadAsync(AttemptId attemptId, long fromOffset, int maxBytes, CancellationToken cancellationToken);
}
