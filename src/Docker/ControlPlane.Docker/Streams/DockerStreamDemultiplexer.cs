using System.Buffers;
using System.Buffers.Binary;
using ControlPlane.Docker.Errors;

namespace ControlPlane.Docker.Streams;

/// <summary>
/// Splits the daemon's multiplexed output format back into stdout and stderr. Without a TTY, attach and logs send
/// frames of an 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr, 3 daemon error), three zero bytes, payload
/// length as a big-endian uint32 — followed by the payload. Frames arrive cut at arbitrary read boundaries, so the
/// header and payload are assembled across reads; payload bytes are forwarded as they arrive, never re-encoded.
/// </summary>
public static class DockerStreamDemultiplexer
{
    private const int HeaderLength = 8;
    private const int BufferLength = 64 * 1024;
    private const byte StdinType = 0;
    private const byte StdoutType = 1;
    private const byte StderrType = 2;
    private const byte DaemonErrorType = 3;

    /// <summary>
    /// Copies <paramref name="source"/> to the two targets until it ends. Stdin frames (echoed input) go to stdout,
    /// as the daemon documents.
    /// </summary>
    /// <exception cref="DockerStreamException">An unknown stream type, the stream ending inside a frame, or an error the daemon sent in-band.</exception>
    public static async Task CopyAsync(Stream source, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        var header = new byte[HeaderLength];
        var headerFilled = 0;
        long payloadLeft = 0;
        Stream? target = null;
        MemoryStream? daemonError = null;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferLength), cancellationToken)) > 0)
            {
                var offset = 0;
                while (offset < read)
                {
                    if (payloadLeft == 0 && target is null)
                    {
                        var take = Math.Min(HeaderLength - headerFilled, read - offset);
                        buffer.AsSpan(offset, take).CopyTo(header.AsSpan(headerFilled));
                        headerFilled += take;
                        offset += take;
                        if (headerFilled < HeaderLength)
                        {
                            continue;
                        }

                        headerFilled = 0;
                        payloadLeft = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                        target = header[0] switch
                        {
                            StdinType or StdoutType => stdout,
                            StderrType => stderr,
                            DaemonErrorType => daemonError = new MemoryStream(),
                            _ => throw new DockerStreamException($"Unknown stream type {header[0]} in a multiplexed Docker stream."),
                        };
                    }

                    var chunk = (int)Math.Min(payloadLeft, read - offset);
                    if (chunk > 0)
                    {
                        await target!.WriteAsync(buffer.AsMemory(offset, chunk), cancellationToken);
                        offset += chunk;
                        payloadLeft -= chunk;
                    }

                    // Also ends a zero-length frame right after its header.
                    if (payloadLeft == 0)
                    {
                        target = null;
                        ThrowIfDaemonError(daemonError);
                    }
                }
            }

            if (headerFilled != 0 || target is not null)
            {
                throw new DockerStreamException("A multiplexed Docker stream ended inside a frame: the connection to the daemon was cut.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (daemonError is not null)
            {
                await daemonError.DisposeAsync();
            }
        }
    }

    private static void ThrowIfDaemonError(MemoryStream? daemonError)
    {
        if (daemonError is not null)
        {
            var message = System.Text.Encoding.UTF8.GetString(daemonError.GetBuffer(), 0, (int)daemonError.Length);
            throw new DockerStreamException($"The Docker daemon reported an error in the output stream: {message}");
        }
    }
}
