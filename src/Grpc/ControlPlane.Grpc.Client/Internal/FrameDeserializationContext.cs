using System.Buffers;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>One received payload, lent to the marshaller without a copy; valid until the next frame is read.</summary>
internal sealed class FrameDeserializationContext : DeserializationContext
{
    private byte[] _buffer = [];
    private int _offset;
    private int _length;

    public override int PayloadLength => _length;

    public void SetPayload(byte[] buffer, int offset, int length)
    {
        _buffer = buffer;
        _offset = offset;
        _length = length;
    }

    public override byte[] PayloadAsNewBuffer() => _buffer.AsSpan(_offset, _length).ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(_buffer, _offset, _length);
}
