using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Lets the catch-all UNIMPLEMENTED routes match gRPC requests only, so other requests to two-segment paths
/// still reach the application's own endpoints or a plain 404.
/// </summary>
internal sealed class GrpcContentTypeConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
