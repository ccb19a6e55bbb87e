using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>Finds length-prefixed messages in buffered request bytes.</summary>
internal static class MessageFrame
{
    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/> if it is all there. The size limit is
    /// checked against the length prefix, so an oversized message is refused before its bytes are buffered.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int? maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.MessagePrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[GrpcProtocol.MessagePrefixLength];
        buffer.Slice(0, GrpcProtocol.MessagePrefixLength).CopyTo(prefix);
        compressed = prefix[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {prefix[0]} in the message prefix.")),
        };

        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)(maxMessageSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxMessageSize} bytes)."));
        }

        var frameLength = GrpcProtocol.MessagePrefixLength + (long)length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.MessagePrefixLength, length);
        buffer = buffer.Slice(frameLength);
        return true;
    }
}
