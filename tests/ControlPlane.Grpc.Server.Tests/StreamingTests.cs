using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Streamed responses reach the client as they are written, not when the call ends.</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task Response_headers_and_each_message_are_sent_before_the_handler_continues()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<RecordingService>(probe);
        using var invoker = WireRequests.CreateInvoker();
        using var request = WireRequests.Create(
            server.HttpAddress, TestServicePaths.StreamingOutputCall, WireRequests.Body(GrpcFrames.Message(new StreamingOutputCallRequest())));

        using var response = await invoker.SendAsync(request, timeout.Token);
        Assert.Equal("yes", string.Join(",", response.Headers.GetValues("x-early")));
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var first = new byte[5 + new StreamingOutputCallResponse { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFromUtf8("first") } }.CalculateSize()];
        await body.ReadExactlyAsync(first, timeout.Token);
        Assert.False(probe.Release.Task.IsCompleted, "the first message arrived while the handler was still waiting");
        Assert.Equal("first", StreamingOutputCallResponse.Parser.ParseFrom(GrpcFrames.Split(first)[0]).Payload.Body.ToStringUtf8());

        probe.Release.SetResult();
        var rest = new MemoryStream();
        await body.CopyToAsync(rest, timeout.Token);
        Assert.Equal("second", StreamingOutputCallResponse.Parser.ParseFrom(Assert.Single(GrpcFrames.Split(rest.ToArray()))).Payload.Body.ToStringUtf8());
        Assert.Equal("0", string.Join(",", response.TrailingHeaders.GetValues("grpc-status")));
    }
}
