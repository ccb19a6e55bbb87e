using System.Collections.Concurrent;
using Grpc.Core;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>
/// Shared by a test and the services it hosts (a DI singleton): signals for what handlers did, a gate the test opens
/// to let a handler finish, and a log of events in order.
/// </summary>
public sealed class CallProbe
{
    private int _instances;

    public TaskCompletionSource HandlerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HandlerTokenCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HandlerFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by the test to let a waiting handler go on.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>What handlers saw of their calls, captured while the calls ran.</summary>
    public ConcurrentQueue<CallSnapshot> Calls { get; } = new();

    /// <summary>Records the call, reports that the handler started and watches its cancellation token.</summary>
    public void Watch(ServerCallContext context)
    {
        Calls.Enqueue(new CallSnapshot(context.Method, context.Host, context.Peer, context.Deadline, context.RequestHeaders));
        context.CancellationToken.Register(() => HandlerTokenCancelled.TrySetResult());
        HandlerStarted.TrySetResult();
    }

    public int NextInstanceId() => Interlocked.Increment(ref _instances);
}
