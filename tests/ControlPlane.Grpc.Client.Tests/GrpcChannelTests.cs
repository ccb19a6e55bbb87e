using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Net.Client;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>Creating, configuring and disposing a channel.</summary>
public sealed class GrpcChannelTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Theory]
    [InlineData("localhost:5000")]
    [InlineData("ftp://localhost:5000")]
    [InlineData("/relative")]
    public void Only_absolute_http_and_https_addresses_are_accepted(string address)
    {
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress(address));
    }

    [Fact]
    public void The_target_is_the_address_authority()
    {
        using var channel = GrpcChannel.ForAddress("https://example.test:8443/base");

        Assert.Equal("example.test:8443", channel.Target);
    }

    [Fact]
    public void A_handler_and_an_HttpClient_together_are_rejected()
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient();

        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler, HttpClient = client }));
    }

    [Fact]
    public async Task Calls_can_go_through_a_caller_supplied_HttpClient()
    {
        using var client = new HttpClient(GrpcHttpHandlers.Create());
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = client });

        Assert.Equal(new byte[] { 8 }, await channel.Unary("Respond", RawGrpcServer.Options(out _), [8]));
    }

    [Fact]
    public async Task A_caller_supplied_handler_outlives_the_channel_unless_asked()
    {
        using var handler = GrpcHttpHandlers.Create();
        using (var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler }))
        {
            await channel.Unary("Respond", RawGrpcServer.Options(out _), [1]);
        }

        using var reused = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        Assert.Equal(new byte[] { 2 }, await reused.Unary("Respond", RawGrpcServer.Options(out _), [2]));
        reused.Dispose();

        using var afterDispose = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler });
        await Assert.ThrowsAnyAsync<Exception>(() => afterDispose.Unary("Respond", RawGrpcServer.Options(out _), [3]).ResponseAsync);
    }

    [Fact]
    public async Task ShutdownAsync_disposes_the_channel()
    {
        var channel = server.Channel();

        await channel.ShutdownAsync();

        Assert.Throws<ObjectDisposedException>(() => channel.CreateCallInvoker());
    }

    [Fact]
    public void The_default_handler_suits_gRPC()
    {
        using var handler = GrpcHttpHandlers.Create();

        Assert.True(handler.EnableMultipleHttp2Connections);
        Assert.Equal(HttpKeepAlivePingPolicy.WithActiveRequests, handler.KeepAlivePingPolicy);
        Assert.True(handler.KeepAlivePingDelay >= TimeSpan.FromMinutes(5), "C-core servers answer pings more frequent than 5 minutes with GOAWAY");
        Assert.Equal(TimeSpan.FromSeconds(20), handler.KeepAlivePingTimeout);
    }
}
