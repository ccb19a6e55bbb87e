using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Executors;

/// <summary>
/// Receives a step's output as raw bytes, exactly as the process wrote them (no decoding, binary-safe).
/// Contract: an executor never calls the sink concurrently, so stdout and stderr arrive interleaved in one order;
/// <paramref name="bytes"/> is only valid during the call (the executor reuses its buffers); after
/// <see cref="CompleteAsync"/> for a stream no more bytes come for it. An exception from the sink fails the step with
/// failure class error, because output that cannot be kept must not be silently dropped.
/// </summary>
public interface IStepOutputSink
{
    /// <summary>The next bytes of <paramref name="stream"/>.</summary>
    ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary><paramref name="stream"/> reached end of file.</summary>
    ValueTask CompleteAsync(LogStream stream, CancellationToken cancellationToken);
}
