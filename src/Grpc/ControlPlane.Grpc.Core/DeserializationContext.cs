using System.Buffers;

namespace Grpc.Core;

/// <summary>One received message payload, offered to a marshaller as a sequence or a fresh array.</summary>
public abstract class DeserializationContext
{
    public virtual int PayloadLength => 0;

    public virtual byte[] PayloadAsNewBuffer() => throw new NotImplementedException();

    /// <summary>The payload without a copy; valid only until the deserializer returns.</summary>
    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => throw new NotImplementedException();
}
