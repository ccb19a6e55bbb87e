using System.Buffers;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Framed request messages waiting to be sent, back to back in one pooled buffer, so that messages written while
/// an earlier batch is on its way leave together in one write and one flush. Not thread-safe.
/// </summary>
internal sealed class PendingFrames
{
    private const int MinimumBufferSize = 4096;

    // A buffer grown past this by one large message goes back to the pool once sent rather than being kept for
    // the rest of a long-lived stream.
    private const int RetainedBufferLimit = 256 * 1024;

    private byte[] _buffer = [];

    /// <summary>The number of bytes waiting.</summary>
    public int Length { get; private set; }

    /// <summary>The waiting bytes; valid until the next change.</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, Length);

    public void Append(ReadOnlySpan<byte> frame)
    {
        var required = Length + frame.Length;
        if (required > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(required, Math.Max(MinimumBufferSize, _buffer.Length * 2)));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ReturnBuffer();
            _buffer = larger;
        }

        frame.CopyTo(_buffer.AsSpan(Length));
        Length = required;
    }

    /// <summary>Forgets the waiting bytes (they were sent, or will never be).</summary>
    public void Clear()
    {
        Length = 0;
        if (_buffer.Length > RetainedBufferLimit)
        {
            Release();
        }
    }

    /// <summary>Returns the buffer to the pool; the instance stays usable and rents again when needed.</summary>
    public void Release()
    {
        ReturnBuffer();
        _buffer = [];
        Length = 0;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
