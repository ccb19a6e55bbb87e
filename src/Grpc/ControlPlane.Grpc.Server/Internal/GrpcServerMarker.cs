using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Registered by <c>AddGrpc</c>: <c>MapGrpcService</c> looks for it to report a missing <c>AddGrpc</c> clearly, and
/// it remembers which route builders already have the UNIMPLEMENTED catch-all route.
/// </summary>
internal sealed class GrpcServerMarker
{
    private readonly ConditionalWeakTable<IEndpointRouteBuilder, object> _withUnimplementedRoute = [];

    /// <summary>True the first time it is asked for <paramref name="endpoints"/>.</summary>
    public bool ClaimUnimplementedServiceRoute(IEndpointRouteBuilder endpoints) =>
        _withUnimplementedRoute.TryAdd(endpoints, this);
}
