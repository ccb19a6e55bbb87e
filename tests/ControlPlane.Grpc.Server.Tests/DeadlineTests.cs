using System.Diagnostics;
using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>grpc-timeout sets the call's deadline; the server enforces it whatever the handler does.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task Deadline_is_enforced_even_when_the_handler_ignores_its_token()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<StubbornService>(probe);
        var elapsed = Stopwatch.StartNew();

        var response = await WireRequests.SendAsync(
            server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(new SimpleRequest()), [("grpc-timeout", "300m")], timeout.Token);

        elapsed.Stop();
        TestServers.AssertStatus(4, response, server);
        Assert.True(response.IsTrailersOnly, response.ToString());
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.False(probe.HandlerFinished.Task.IsCompleted, "the status must not wait for the handler");
        await probe.HandlerTokenCancelled.Task.WaitAsync(timeout.Token);

        probe.Release.SetResult();
        await probe.HandlerFinished.Task.WaitAsync(timeout.Token);
        await TestServers.AssertStillServesAsync(server, timeout.Token);
    }

    [Fact]
    public async Task A_deadline_after_messages_were_sent_ends_the_call_with_DEADLINE_EXCEEDED_in_the_trailers()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<StubbornService>(probe);

        var response = await WireRequests.SendAsync(
            server.HttpAddress, TestServicePaths.StreamingOutputCall, GrpcFrames.Message(new StreamingOutputCallRequest()), [("grpc-timeout", "200000u")], timeout.Token);

        TestServers.AssertStatus(4, response, server);
        Assert.False(response.IsTrailersOnly, response.ToString());
        Assert.Single(response.Messages);
        probe.Release.SetResult();
        await probe.HandlerFinished.Task.WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task The_handler_sees_the_deadline_and_its_token_is_cancelled_when_it_passes()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<StubbornService>(probe);
        var sent = DateTime.UtcNow;

        var response = await WireRequests.SendAsync(
            server.HttpAddress, TestServicePaths.FullDuplexCall, [], [("grpc-timeout", "1S")], timeout.Token);

        TestServers.AssertStatus(4, response, server);
        Assert.True(probe.Calls.TryPeek(out var call));
        Assert.InRange(call.Deadline, sent.AddSeconds(0.5), sent.AddSeconds(5));
        await probe.HandlerTokenCancelled.Task.WaitAsync(timeout.Token);
        await probe.HandlerFinished.Task.WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task A_zero_timeout_ends_the_call_without_running_the_handler()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<StubbornService>(probe);

        var response = await WireRequests.SendAsync(
            server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message(new SimpleRequest()), [("grpc-timeout", "0n")], timeout.Token);

        TestServers.AssertStatus(4, response, server);
        Assert.False(probe.HandlerStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task An_invalid_grpc_timeout_is_ignored_and_the_call_has_no_deadline()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(probe);

        var response = await WireRequests.SendAsync(
            server.HttpAddress, TestServicePaths.EmptyCall, GrpcFrames.Message(new Empty()), [("grpc-timeout", "soon")], timeout.Token);

        TestServers.AssertStatus(0, response, server);
        Assert.True(probe.Calls.TryPeek(out var call));
        Assert.Equal(DateTime.MaxValue, call.Deadline);
    }
}
