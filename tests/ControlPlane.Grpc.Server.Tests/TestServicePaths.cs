namespace ControlPlane.Grpc.Server.Tests;

/// <summary>The HTTP/2 :path of each grpc.testing.TestService method.</summary>
internal static class TestServicePaths
{
    public const string EmptyCall = "/grpc.testing.TestService/EmptyCall";
    public const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    public const string StreamingOutputCall = "/grpc.testing.TestService/StreamingOutputCall";
    public const string StreamingInputCall = "/grpc.testing.TestService/StreamingInputCall";
    public const string FullDuplexCall = "/grpc.testing.TestService/FullDuplexCall";
    public const string UnimplementedCall = "/grpc.testing.TestService/UnimplementedCall";
}
