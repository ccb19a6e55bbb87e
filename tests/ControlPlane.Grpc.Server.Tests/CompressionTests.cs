using ControlPlane.Grpc.Server.Tests.Wire;
using Google.Protobuf;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Request messages may be gzip-compressed; responses are sent uncompressed.</summary>
public sealed class CompressionTests(TestServiceServerFixture fixture) : IClassFixture<TestServiceServerFixture>
{
    [Fact]
    public async Task A_gzip_compressed_request_message_is_decompressed()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var request = new SimpleRequest { ResponseSize = 10, Payload = new Payload { Body = ByteString.CopyFrom(new byte[50_000]) } };
        var response = await WireRequests.SendAsync(
            fixture.Server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.GzipMessage(request), [("grpc-encoding", "gzip")], timeout.Token);

        TestServers.AssertStatus(0, response, fixture.Server);
        Assert.Equal(10, SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages)).Payload.Body.Length);
        Assert.Equal("identity,gzip", response.Header("grpc-accept-encoding"));
        Assert.Null(response.Header("grpc-encoding"));
    }

    [Fact]
    public async Task An_unsupported_grpc_encoding_is_UNIMPLEMENTED_and_the_supported_ones_are_advertised()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var response = await WireRequests.SendAsync(
            fixture.Server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), [("grpc-encoding", "snappy")], timeout.Token);

        TestServers.AssertStatus(12, response, fixture.Server);
        Assert.Equal("identity,gzip", response.Header("grpc-accept-encoding"));
    }

    [Fact]
    public async Task A_message_flagged_compressed_without_a_grpc_encoding_fails_with_INTERNAL()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var response = await WireRequests.SendAsync(
            fixture.Server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.GzipMessage(new Empty()), cancellationToken: timeout.Token);

        TestServers.AssertStatus(13, response, fixture.Server);
    }
}
