using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using ControlPlane.Testing;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Custom metadata travels in request headers, response headers and trailers; -bin values are base64.</summary>
public sealed class MetadataTests(TestServiceServerFixture fixture) : IClassFixture<TestServiceServerFixture>
{
    private static readonly byte[] BinaryValue = [0x01, 0x02, 0xab, 0xab];

    [Fact]
    public async Task Response_headers_and_trailers_carry_metadata_including_binary_values()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var unpadded = Convert.ToBase64String(BinaryValue).TrimEnd('=');

        var response = await WireRequests.SendAsync(
            fixture.Server.HttpAddress,
            TestServicePaths.UnaryCall,
            GrpcFrames.Message(new SimpleRequest { ResponseSize = 3 }),
            [(TestServiceImpl.EchoInitialKey, "hello"), (TestServiceImpl.EchoTrailingKey, unpadded)],
            timeout.Token);

        TestServers.AssertStatus(0, response, fixture.Server);
        Assert.False(response.IsTrailersOnly);
        Assert.Single(response.Messages);
        Assert.Equal("hello", response.Header(TestServiceImpl.EchoInitialKey));
        var trailer = response.Trailer(TestServiceImpl.EchoTrailingKey);
        Assert.Equal(BinaryValue, GrpcFrames.DecodeUnpaddedBase64(trailer));
    }

    [Fact]
    public async Task Request_metadata_holds_custom_headers_and_user_agent_but_not_transport_headers()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(probe);

        var response = await WireRequests.SendAsync(
            server.HttpAddress,
            TestServicePaths.EmptyCall,
            GrpcFrames.Message(new Empty()),
            [
                ("x-custom", "value"), ("x-data-bin", Convert.ToBase64String(BinaryValue).TrimEnd('=')), ("x-padded-bin", Convert.ToBase64String(BinaryValue)),
                ("user-agent", "wire-test/1.0"), ("grpc-timeout", "10S"), ("grpc-accept-encoding", "identity"),
            ],
            timeout.Token);

        TestServers.AssertStatus(0, response, server);
        Assert.True(probe.Calls.TryPeek(out var call));
        var headers = call.RequestHeaders;
        Assert.Equal("value", headers.GetValue("x-custom"));
        Assert.Equal(BinaryValue, headers.GetValueBytes("x-data-bin"));
        Assert.Equal(BinaryValue, headers.GetValueBytes("x-padded-bin"));
        Assert.Equal("wire-test/1.0", headers.GetValue("user-agent"));
        foreach (var transportHeader in new[] { "content-type", "te", "host", "grpc-timeout", "grpc-accept-encoding", ":path", ":authority" })
        {
            Assert.Null(headers.Get(transportHeader));
        }
    }

    [Fact]
    public async Task The_call_context_describes_the_call()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(probe);

        var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), cancellationToken: timeout.Token);

        TestServers.AssertStatus(0, response, server);
        Assert.True(probe.Calls.TryPeek(out var call));
        Assert.Equal(TestServicePaths.EmptyCall, call.Method);
        Assert.Equal($"{server.HttpAddress.Host}:{server.HttpAddress.Port}", call.Host);
        Assert.StartsWith("ipv4:127.0.0.1:", call.Peer, StringComparison.Ordinal);
        Assert.Equal(DateTime.MaxValue, call.Deadline);
    }
}
