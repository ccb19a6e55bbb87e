using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Grpc.Client.Tests.Fixtures;

/// <summary>Shorthands for calling the raw server's methods through a channel's call invoker.</summary>
public static class RawCalls
{
    public static Metadata Headers(params (string Key, string Value)[] entries)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in entries)
        {
            metadata.Add(key, value);
        }

        return metadata;
    }

    public static AsyncUnaryCall<byte[]> Unary(this GrpcChannel channel, string method, CallOptions options, byte[]? request = null) =>
        channel.CreateCallInvoker().AsyncUnaryCall(RawMethods.Unary(method), null, options, request ?? []);

    public static AsyncServerStreamingCall<byte[]> ServerStreaming(this GrpcChannel channel, string method, CallOptions options, byte[]? request = null) =>
        channel.CreateCallInvoker().AsyncServerStreamingCall(RawMethods.ServerStreaming(method), null, options, request ?? []);

    public static AsyncClientStreamingCall<byte[], byte[]> ClientStreaming(this GrpcChannel channel, string method, CallOptions options) =>
        channel.CreateCallInvoker().AsyncClientStreamingCall(RawMethods.ClientStreaming(method), null, options);

    public static AsyncDuplexStreamingCall<byte[], byte[]> Duplex(this GrpcChannel channel, string method, CallOptions options) =>
        channel.CreateCallInvoker().AsyncDuplexStreamingCall(RawMethods.Duplex(method), null, options);
}
