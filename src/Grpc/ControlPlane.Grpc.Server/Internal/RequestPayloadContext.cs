using System.Buffers;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Hands one received payload to a marshaller. It is reused for every message of a call and points straight
/// into the request pipe's buffers, so generated protobuf parsers read without a copy.
/// </summary>
internal sealed class RequestPayloadContext : DeserializationContext
{
    private ReadOnlySequence<byte> _payload;

    public override int PayloadLength => (int)_payload.Length;

    public void SetPayload(ReadOnlySequence<byte> payload) => _payload = payload;

    /// <summary>Drops the reference once the pipe buffers are released back to Kestrel.</summary>
    public void Clear() => _payload = default;

    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;
}
