using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>Answers a gRPC request for a service or method this server does not have with UNIMPLEMENTED.</summary>
internal sealed class UnimplementedCallHandler(string description, GrpcServerRuntime runtime)
    : ServerCallHandler(description, runtime)
{
    protected override string GetMethodName(HttpContext httpContext) => httpContext.Request.Path.Value ?? "";

    protected override Task HandleCoreAsync(HttpServerCallContext call)
    {
        var detail = call.HttpContext.Request.RouteValues.ContainsKey(GrpcRoutes.UnimplementedServiceParameter)
            ? "Service is unimplemented."
            : "Method is unimplemented.";
        return Task.FromException(new RpcException(new Status(StatusCode.Unimplemented, detail)));
    }
}
