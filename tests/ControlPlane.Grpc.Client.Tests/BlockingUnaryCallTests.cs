using System.Collections.Concurrent;
using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using static ControlPlane.Grpc.Client.Tests.Fixtures.RawCalls;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>BlockingUnaryCall blocks its thread, and nothing the call needs waits for that thread.</summary>
public sealed class BlockingUnaryCallTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public void A_blocking_call_returns_the_response()
    {
        using var channel = server.Channel();

        var response = channel.CreateCallInvoker().BlockingUnaryCall(RawMethods.Unary("Respond"), null, RawGrpcServer.Options(out _), [9]);

        Assert.Equal(new byte[] { 9 }, response);
    }

    [Fact]
    public void A_blocking_call_throws_the_status_of_a_failed_call()
    {
        using var channel = server.Channel();
        var options = RawGrpcServer.Options(out _, Headers((RespondHeaders.HttpStatus, "404")));

        var error = Assert.Throws<RpcException>(() => channel.CreateCallInvoker().BlockingUnaryCall(RawMethods.Unary("Respond"), null, options, []));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public void A_blocking_call_on_a_thread_with_a_single_threaded_synchronization_context_does_not_deadlock()
    {
        using var channel = server.Channel();
        var context = new BlockedThreadSynchronizationContext();
        byte[]? response = null;
        var thread = new Thread(() =>
        {
            // Like a UI thread: work posted to the context runs only when this thread is free again.
            SynchronizationContext.SetSynchronizationContext(context);
            response = channel.CreateCallInvoker().BlockingUnaryCall(RawMethods.Unary("Respond"), null, RawGrpcServer.Options(out _), [3]);
            context.RunPosted();
        });

        thread.Start();

        Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "BlockingUnaryCall deadlocked");
        Assert.Equal(new byte[] { 3 }, response);
    }

    private sealed class BlockedThreadSynchronizationContext : SynchronizationContext
    {
        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();

        public override void Post(SendOrPostCallback d, object? state) => _posted.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public void RunPosted()
        {
            while (_posted.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }
        }
    }
}
