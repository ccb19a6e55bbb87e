using System.Buffers;
using System.Text;
using Grpc.Core;

namespace ControlPlane.Grpc.Core.Tests;

public class MarshallerTests
{
    [Fact]
    public void A_simple_marshaller_also_works_through_the_contextual_path()
    {
        var marshaller = Marshallers.Create(Encoding.UTF8.GetBytes, Encoding.UTF8.GetString);
        var context = new RecordingSerializationContext();

        marshaller.ContextualSerializer("héllo", context);

        Assert.Equal("héllo", Encoding.UTF8.GetString(context.Payload!));
    }

    [Fact]
    public void A_contextual_marshaller_also_works_through_the_simple_path()
    {
        var marshaller = Marshallers.Create<string>(
            (message, context) =>
            {
                var writer = context.GetBufferWriter();
                writer.Write(Encoding.UTF8.GetBytes(message));
                context.Complete();
            },
            context => Encoding.UTF8.GetString(context.PayloadAsReadOnlySequence()));

        var bytes = marshaller.Serializer("round trip");

        Assert.Equal("round trip", marshaller.Deserializer(bytes));
    }

    private sealed class RecordingSerializationContext : SerializationContext
    {
        public byte[]? Payload { get; private set; }

        public override void Complete(byte[] payload) => Payload = payload;
    }
}
