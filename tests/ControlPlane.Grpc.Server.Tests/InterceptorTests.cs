using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Interceptors from GrpcServiceOptions run around every call, in order, created through DI per call.</summary>
public sealed class InterceptorTests
{
    public static TheoryData<string, byte[]> EveryCallShape => new()
    {
        { TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()) },
        { TestServicePaths.StreamingOutputCall, GrpcFrames.Message(new StreamingOutputCallRequest()) },
        { TestServicePaths.StreamingInputCall, GrpcFrames.Message(new StreamingInputCallRequest()) },
        { TestServicePaths.FullDuplexCall, [] },
    };

    [Theory]
    [MemberData(nameof(EveryCallShape))]
    public async Task An_interceptor_sees_every_call_and_can_reject_it_with_UNAUTHENTICATED(string path, byte[] body)
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(
            probe, options => options.Interceptors.Add<RequireBearerTokenInterceptor>("letmein"));

        var refused = await WireRequests.SendAsync(server.HttpAddress, path, body, [("authorization", "Bearer wrong")], timeout.Token);

        TestServers.AssertStatus(16, refused, server);
        Assert.Equal([$"intercepted {path}"], probe.Events);
    }

    [Fact]
    public async Task A_call_the_interceptor_accepts_reaches_the_service()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(
            probe, options => options.Interceptors.Add<RequireBearerTokenInterceptor>("letmein"));

        var accepted = await WireRequests.SendAsync(
            server.HttpAddress, TestServicePaths.StreamingInputCall, GrpcFrames.Message(new StreamingInputCallRequest()), [("authorization", "Bearer letmein")], timeout.Token);

        TestServers.AssertStatus(0, accepted, server);
        Assert.Equal([$"intercepted {TestServicePaths.StreamingInputCall}", "service"], probe.Events);
    }

    [Fact]
    public async Task Interceptors_run_in_the_order_added_and_are_disposed_after_the_call()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(probe, options =>
        {
            options.Interceptors.Add<OrderRecordingInterceptor>("outer");
#pragma warning disable CA2263 // the Type overload is the one under test here
            options.Interceptors.Add(typeof(OrderRecordingInterceptor), "inner");
#pragma warning restore CA2263
        });

        var response = await WireRequests.SendAsync(server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), cancellationToken: timeout.Token);

        TestServers.AssertStatus(0, response, server);
        Assert.Equal(["outer enter", "inner enter", "service", "inner leave", "outer leave", "outer disposed", "inner disposed"], probe.Events);
    }
}
