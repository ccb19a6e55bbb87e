using System.Buffers;
using System.Net;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The body of a call with a single request message: one pre-built frame in a pooled buffer. The buffer goes back
/// to the pool on dispose, or after the last write if the handler is still sending then (it may re-send the body
/// when it retries a request the server never processed, so it cannot go back after the first send).
/// </summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly Lock _lock = new();
    private readonly int _length;
    private byte[]? _buffer;
    private int _activeWrites;
    private bool _disposed;

    public UnaryRequestContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] buffer;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            buffer = _buffer!;
            _activeWrites++;
        }

        try
        {
            await stream.WriteAsync(buffer.AsMemory(0, _length), cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _activeWrites--;
                ReturnBufferIfUnused();
            }
        }
    }

    // The frame's length is known, but gRPC peers expect no content-length; HTTP/2 ends the body with END_STREAM.
    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                _disposed = true;
                ReturnBufferIfUnused();
            }
        }

        base.Dispose(disposing);
    }

    private void ReturnBufferIfUnused()
    {
        if (_disposed && _activeWrites == 0 && _buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
