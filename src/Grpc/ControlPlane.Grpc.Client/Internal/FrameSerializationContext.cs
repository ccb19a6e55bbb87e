using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Serializes one message straight into a length-prefixed gRPC frame in a pooled buffer: the marshaller writes
/// after the 5-byte prefix, which is filled in afterwards, so the payload is never copied.
/// </summary>
internal sealed class FrameSerializationContext : SerializationContext, IBufferWriter<byte>
{
    private const int MinimumBufferSize = 256;

    private byte[] _buffer = [];
    private int _payloadLength;
    private bool _completed;

    public override void SetPayloadLength(int payloadLength) => EnsureCapacity(payloadLength);

    public override IBufferWriter<byte> GetBufferWriter() => this;

    public override void Complete() => _completed = true;

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        EnsureCapacity(payload.Length);
        payload.CopyTo(_buffer, GrpcProtocol.FrameHeaderLength);
        _payloadLength = payload.Length;
        _completed = true;
    }

    public void Advance(int count) => _payloadLength += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(_payloadLength + Math.Max(sizeHint, 1));
        return _buffer.AsMemory(GrpcProtocol.FrameHeaderLength + _payloadLength);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(_payloadLength + Math.Max(sizeHint, 1));
        return _buffer.AsSpan(GrpcProtocol.FrameHeaderLength + _payloadLength);
    }

    /// <summary>
    /// Runs the marshaller and returns the finished frame (valid until the next call). Fails with
    /// RESOURCE_EXHAUSTED when the payload exceeds <paramref name="maxPayloadLength"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Serialize<T>(Marshaller<T> marshaller, T message, int? maxPayloadLength)
    {
        _payloadLength = 0;
        _completed = false;
        marshaller.ContextualSerializer(message, this);
        if (!_completed)
        {
            throw new InvalidOperationException("The request marshaller did not complete the message.");
        }

        if (_payloadLength > maxPayloadLength)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({_payloadLength} > {maxPayloadLength} bytes)."));
        }

        EnsureCapacity(_payloadLength);
        _buffer[0] = 0; // not compressed
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(1), (uint)_payloadLength);
        return _buffer.AsMemory(0, GrpcProtocol.FrameHeaderLength + _payloadLength);
    }

    /// <summary>Hands the buffer to a new owner, who returns it to the pool; this context starts empty again.</summary>
    public byte[] DetachBuffer()
    {
        var buffer = _buffer;
        _buffer = [];
        return buffer;
    }

    /// <summary>Returns the buffer to the pool; only when no write from it can be in flight.</summary>
    public void ReleaseBuffer()
    {
        var buffer = DetachBuffer();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureCapacity(int payloadLength)
    {
        var required = GrpcProtocol.FrameHeaderLength + payloadLength;
        if (required <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(required, Math.Max(MinimumBufferSize, _buffer.Length * 2)));
        _buffer.AsSpan(0, Math.Min(_buffer.Length, GrpcProtocol.FrameHeaderLength + _payloadLength)).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
