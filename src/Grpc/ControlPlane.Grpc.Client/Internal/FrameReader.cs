using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Reads length-prefixed gRPC frames from a response body through one pooled buffer, so several small messages
/// that arrive in one DATA frame cost one stream read. Not thread-safe: one read at a time.
/// </summary>
internal sealed class FrameReader
{
    private const int InitialBufferSize = 4096;

    private readonly Stream _stream;
    private readonly int _maxMessageSize;
    private readonly string? _encoding;
    private readonly FrameDeserializationContext _context = new();
    private byte[] _buffer = [];
    private byte[]? _inflated;
    private int _start;
    private int _end;
    private int _consumed;

    public FrameReader(Stream stream, int? maxMessageSize, string? encoding)
    {
        _stream = stream;
        _maxMessageSize = maxMessageSize ?? int.MaxValue;
        _encoding = encoding;
    }

    /// <summary>The payload of the frame the last successful read returned.</summary>
    public DeserializationContext Context => _context;

    /// <summary>
    /// Reads the next frame: true with <see cref="Context"/> set, false at a clean end of the body. Throws
    /// <see cref="RpcException"/> for a frame the call must not accept.
    /// </summary>
    public ValueTask<bool> ReadFrameAsync(CancellationToken cancellationToken)
    {
        _start += _consumed;
        _consumed = 0;
        if (_start == _end)
        {
            // Everything consumed: start over at the front, so the next read gets the whole buffer.
            _start = _end = 0;
        }

        return TryParseFrame() ? ValueTask.FromResult(true) : ReadFrameSlowAsync(cancellationToken);
    }

    /// <summary>Returns the buffers to the pool; call only from the reading side, with no read in flight.</summary>
    public void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        if (_inflated is not null)
        {
            ArrayPool<byte>.Shared.Return(_inflated);
        }

        _buffer = [];
        _inflated = null;
        _start = _end = _consumed = 0;
    }

    private async ValueTask<bool> ReadFrameSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_buffer.Length == 0)
            {
                _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                if (_end > _start)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "The response ended in the middle of a message."));
                }

                return false;
            }

            _end += read;
            if (TryParseFrame())
            {
                return true;
            }
        }
    }

    /// <summary>Sets the payload if a whole frame is buffered; otherwise makes room for the rest of it.</summary>
    private bool TryParseFrame()
    {
        var available = _end - _start;
        if (available < GrpcProtocol.FrameHeaderLength)
        {
            MakeRoom(GrpcProtocol.FrameHeaderLength);
            return false;
        }

        var flag = _buffer[_start];
        var length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 1));
        if (length > (uint)_maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {_maxMessageSize} bytes)."));
        }

        var frameLength = GrpcProtocol.FrameHeaderLength + (int)length;
        if (available < frameLength)
        {
            MakeRoom(frameLength);
            return false;
        }

        _consumed = frameLength;
        var payloadOffset = _start + GrpcProtocol.FrameHeaderLength;
        switch (flag)
        {
            case 0:
                _context.SetPayload(_buffer, payloadOffset, (int)length);
                return true;
            case 1:
                var inflatedLength = MessageCompression.Decompress(_encoding, _buffer, payloadOffset, (int)length, ref _inflated, _maxMessageSize);
                _context.SetPayload(_inflated!, 0, inflatedLength);
                return true;
            default:
                throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in a message prefix."));
        }
    }

    /// <summary>Ensures the buffer can hold <paramref name="frameLength"/> bytes from the current frame start.</summary>
    private void MakeRoom(int frameLength)
    {
        if (_buffer.Length - _start >= frameLength && _end < _buffer.Length)
        {
            return;
        }

        var pending = _end - _start;
        if (_buffer.Length >= frameLength && _buffer.Length > pending)
        {
            // Enough space overall: slide the partial frame to the front.
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else if (_buffer.Length > 0)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(frameLength, _buffer.Length * 2));
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else
        {
            return; // nothing rented yet; the first read rents
        }

        _start = 0;
        _end = pending;
    }
}
