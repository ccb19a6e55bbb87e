using ControlPlane.Grpc.Server.Tests.Wire;
using ControlPlane.Testing;
using Google.Protobuf;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>MaxReceiveMessageSize and MaxSendMessageSize end a call with RESOURCE_EXHAUSTED.</summary>
public sealed class MessageSizeTests : IAsyncLifetime
{
    private const int Limit = 1024;
    private TestGrpcServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServers.StartAsync<TestServiceImpl>(options: options =>
        {
            options.MaxReceiveMessageSize = Limit;
            options.MaxSendMessageSize = Limit;
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_oversized_request_message_is_RESOURCE_EXHAUSTED()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[Limit * 2]) } };

        var response = await WireRequests.SendAsync(_server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(request), cancellationToken: timeout.Token);

        TestServers.AssertStatus(8, response, _server);
        await TestServers.AssertStillServesAsync(_server, timeout.Token);
    }

    [Fact]
    public async Task An_oversized_length_prefix_is_refused_before_the_message_arrives()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var invoker = WireRequests.CreateInvoker();
        using var body = new StreamingRequestBody();
        using var request = WireRequests.Create(_server.HttpAddress, TestServicePaths.UnaryCall, body);
        await body.PushAsync(GrpcFrames.Prefix(compressedFlag: false, declaredLength: 10 * 1024 * 1024));

        var response = await WireRequests.SendAsync(invoker, request, timeout.Token);

        TestServers.AssertStatus(8, response, _server);
        body.Complete();
    }

    [Fact]
    public async Task A_compressed_request_that_inflates_past_the_limit_is_RESOURCE_EXHAUSTED()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var request = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[Limit * 100]) } };
        var compressed = GrpcFrames.GzipMessage(request);
        Assert.True(compressed.Length < Limit);

        var response = await WireRequests.SendAsync(
            _server.HttpAddress, TestServicePaths.UnaryCall, compressed, [("grpc-encoding", "gzip")], timeout.Token);

        TestServers.AssertStatus(8, response, _server);
    }

    [Fact]
    public async Task An_oversized_response_message_is_RESOURCE_EXHAUSTED()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var request = new SimpleRequest { ResponseSize = Limit * 2 };

        var response = await WireRequests.SendAsync(_server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(request), cancellationToken: timeout.Token);

        TestServers.AssertStatus(8, response, _server);
        Assert.Empty(response.Messages);
    }

    [Fact]
    public async Task Messages_within_the_limits_pass()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var request = new SimpleRequest { ResponseSize = Limit - 16, Payload = new Payload { Body = ByteString.CopyFrom(new byte[Limit - 16]) } };

        var response = await WireRequests.SendAsync(_server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(request), cancellationToken: timeout.Token);

        TestServers.AssertStatus(0, response, _server);
        Assert.Equal(Limit - 16, SimpleResponse.Parser.ParseFrom(Assert.Single(response.Messages)).Payload.Body.Length);
    }
}
