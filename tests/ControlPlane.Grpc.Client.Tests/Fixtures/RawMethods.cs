using Grpc.Core;

namespace ControlPlane.Grpc.Client.Tests.Fixtures;

/// <summary>Methods of the raw test server's <c>raw.Test</c> service, with byte-array messages.</summary>
public static class RawMethods
{
    public const string Service = "raw.Test";

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static Method<byte[], byte[]> Unary(string name) => new(MethodType.Unary, Service, name, Bytes, Bytes);

    public static Method<byte[], byte[]> ServerStreaming(string name) => new(MethodType.ServerStreaming, Service, name, Bytes, Bytes);

    public static Method<byte[], byte[]> ClientStreaming(string name) => new(MethodType.ClientStreaming, Service, name, Bytes, Bytes);

    public static Method<byte[], byte[]> Duplex(string name) => new(MethodType.DuplexStreaming, Service, name, Bytes, Bytes);
}
