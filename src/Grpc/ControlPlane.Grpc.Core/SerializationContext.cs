using System.Buffers;

namespace Grpc.Core;

/// <summary>
/// Where a marshaller writes one message: either a whole byte array through <see cref="Complete(byte[])"/>,
/// or through <see cref="GetBufferWriter"/> followed by <see cref="Complete()"/>.
/// </summary>
public abstract class SerializationContext
{
    public virtual void Complete(byte[] payload) => throw new NotImplementedException();

    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotImplementedException();

    /// <summary>Announces the payload length before the buffer writer is used; optional.</summary>
    public virtual void SetPayloadLength(int payloadLength) => throw new NotImplementedException();

    public virtual void Complete() => throw new NotImplementedException();
}
