using Grpc.Core;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>Reports its creation, each call it serves and its disposal, with an instance number.</summary>
public sealed class PerCallService : TestService.TestServiceBase, IDisposable
{
    private readonly CallProbe _probe;
    private readonly int _id;

    public PerCallService(CallProbe probe)
    {
        _probe = probe;
        _id = probe.NextInstanceId();
        probe.Events.Enqueue($"created {_id}");
    }

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context)
    {
        _probe.Events.Enqueue($"call on {_id}");
        return Task.FromResult(new Empty());
    }

    public void Dispose() => _probe.Events.Enqueue($"disposed {_id}");
}
