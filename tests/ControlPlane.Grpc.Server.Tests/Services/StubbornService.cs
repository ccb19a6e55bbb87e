using Grpc.Core;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>Handlers that wait for the test: some ignore their cancellation token, some honour it.</summary>
public sealed class StubbornService(CallProbe probe) : TestService.TestServiceBase
{
    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    /// <summary>Waits for the test's release and never looks at its token.</summary>
    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        probe.Watch(context);
        try
        {
            await probe.Release.Task;
            return new SimpleResponse();
        }
        finally
        {
            probe.HandlerFinished.TrySetResult();
        }
    }

    /// <summary>Sends one message, then waits for the test's release without looking at its token.</summary>
    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        probe.Watch(context);
        try
        {
            await responseStream.WriteAsync(new StreamingOutputCallResponse());
            await probe.Release.Task;
        }
        finally
        {
            probe.HandlerFinished.TrySetResult();
        }
    }

    /// <summary>Waits until its token is cancelled.</summary>
    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        probe.Watch(context);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        finally
        {
            probe.HandlerFinished.TrySetResult();
        }
    }
}
