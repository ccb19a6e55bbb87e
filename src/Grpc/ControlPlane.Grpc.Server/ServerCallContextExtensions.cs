using ControlPlane.Grpc.Server.Internal;
using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

/// <summary>Access to the ASP.NET Core request behind a call, as in grpc-dotnet (Grpc.AspNetCore.Server).</summary>
public static class ServerCallContextExtensions
{
    /// <summary>The <see cref="HttpContext"/> of the call; throws for a context not created by this server.</summary>
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext)
    {
        ArgumentNullException.ThrowIfNull(serverCallContext);
        return serverCallContext is HttpServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException(
                "Could not get HttpContext from ServerCallContext. HttpContext can only be accessed when gRPC services are hosted by ASP.NET Core.");
    }
}
