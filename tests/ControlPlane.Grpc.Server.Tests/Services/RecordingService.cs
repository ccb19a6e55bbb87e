using Grpc.Core;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>Records each call's context; streams its messages one at a time as the test releases them.</summary>
public sealed class RecordingService(CallProbe probe) : TestService.TestServiceBase
{
    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        probe.Watch(context);
        probe.Events.Enqueue("service");
        return Task.FromResult(new Empty());
    }

    /// <summary>Sends response headers at once, then one message, then waits for the test before the second.</summary>
    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        probe.Watch(context);
        await context.WriteResponseHeadersAsync(new Metadata { { "x-early", "yes" } });
        await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFromUtf8("first") } });
        await probe.Release.Task.WaitAsync(context.CancellationToken);
        await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFromUtf8("second") } });
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        probe.Events.Enqueue("service");
        var count = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            count++;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = count };
    }

    public override Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        probe.Events.Enqueue("service");
        return Task.CompletedTask;
    }
}
