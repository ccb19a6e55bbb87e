using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using Grpc.Net.Client;
using static ControlPlane.Grpc.Client.Tests.Fixtures.RawCalls;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>MaxReceiveMessageSize (default 4 MiB) and MaxSendMessageSize (default unlimited).</summary>
public sealed class MessageSizeTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public async Task A_response_announcing_more_than_4_MiB_gives_RESOURCE_EXHAUSTED_at_once()
    {
        using var channel = server.Channel();
        var options = RawGrpcServer.Options(out var testId, Headers((RespondHeaders.ClaimedSize, $"{(4 * 1024 * 1024) + 1}")));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", options).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await server.AbortObserved(testId).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_response_of_exactly_the_limit_is_accepted()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var response = await channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.ResponseSize, "1024"))));

        Assert.Equal(1024, response.Length);
    }

    [Fact]
    public async Task A_response_over_a_configured_limit_gives_RESOURCE_EXHAUSTED()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.ResponseSize, "1025")))).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_response_that_inflates_over_the_limit_gives_RESOURCE_EXHAUSTED()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var headers = Headers((RespondHeaders.Encoding, "gzip"), (RespondHeaders.CompressedFlag, "1"), (RespondHeaders.ResponseSize, "100000"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _, headers)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Without_a_receive_limit_a_5_MiB_response_is_accepted()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxReceiveMessageSize = null });

        var response = await channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.ResponseSize, $"{5 * 1024 * 1024}"))));

        Assert.Equal(5 * 1024 * 1024, response.Length);
    }

    [Fact]
    public async Task A_request_over_the_send_limit_gives_RESOURCE_EXHAUSTED_without_sending()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxSendMessageSize = 10 });
        using var call = channel.Unary("Respond", RawGrpcServer.Options(out var testId), new byte[11]);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, call.GetStatus().StatusCode);
        Assert.Equal(0, server.Arrivals(testId));
    }

    [Fact]
    public async Task A_request_at_the_send_limit_is_sent()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var response = await channel.Unary("Respond", RawGrpcServer.Options(out _), new byte[10]);

        Assert.Equal(10, response.Length);
    }

    [Fact]
    public async Task A_streamed_request_over_the_send_limit_fails_the_write_and_the_call()
    {
        using var channel = server.Channel(new GrpcChannelOptions { MaxSendMessageSize = 10 });
        using var call = channel.Duplex("DuplexEcho", RawGrpcServer.Options(out _));
        await call.RequestStream.WriteAsync(new byte[10]);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new byte[11]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, call.GetStatus().StatusCode);
    }
}
