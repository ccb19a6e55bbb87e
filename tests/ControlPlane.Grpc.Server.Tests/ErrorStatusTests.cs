using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>How a handler's failure becomes the call's status.</summary>
public sealed class ErrorStatusTests
{
    [Fact]
    public async Task An_unexpected_exception_is_UNKNOWN_with_a_generic_message_and_is_logged()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using var server = await TestServers.StartAsync<FailingService>();

        var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(new SimpleRequest()), cancellationToken: timeout.Token);

        TestServers.AssertStatus(2, response, server);
        Assert.Equal("Exception was thrown by handler.", response.GrpcMessage);
        Assert.Contains(FailingService.SecretDetail, server.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detailed_errors_send_the_exception_message()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using var server = await TestServers.StartAsync<FailingService>(options: options => options.EnableDetailedErrors = true);

        var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(new SimpleRequest()), cancellationToken: timeout.Token);

        TestServers.AssertStatus(2, response, server);
        Assert.Contains(FailingService.SecretDetail, response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_RpcException_sets_the_status_message_and_trailers()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using var server = await TestServers.StartAsync<FailingService>();

        var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), cancellationToken: timeout.Token);

        TestServers.AssertStatus(7, response, server);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("not yours: 100% sure", response.GrpcMessage);
        Assert.Equal("not yours: 100%25 sure", response.Header("grpc-message"));
        Assert.Equal("quota", response.Header("reason"));
        Assert.Equal(FailingService.TrailerBytes, GrpcFrames.DecodeUnpaddedBase64(response.Header("detail-bin")));
    }
}
