using System.Diagnostics.CodeAnalysis;
using ControlPlane.Grpc.Server.Internal;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services to endpoints, as grpc-dotnet's <c>endpoints.MapGrpcService&lt;T&gt;()</c> does.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> (a class derived from a generated service base) to
    /// <c>POST /{package.Service}/{Method}</c>. Each call gets its own service instance: from DI if registered, else
    /// created with constructor injection and disposed after the call. gRPC requests for services or methods that are
    /// not mapped are answered with UNIMPLEMENTED.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>(
        this IEndpointRouteBuilder builder)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.ServiceProvider;
        if (services.GetService<GrpcServerMarker>() is not { } marker)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'IServiceCollection.AddGrpc' in the application's service configuration.");
        }

        var runtime = new GrpcServerRuntime(
            services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(GrpcServerRuntime.LoggerCategory),
            services.GetService<TimeProvider>() ?? TimeProvider.System);

        var handlers = ServiceBinding.CreateHandlers<TService>(runtime);
        var methodEndpoints = handlers.Select(handler => GrpcRoutes.MapMethod(builder, handler)).ToList();
        foreach (var serviceName in handlers.Select(handler => ServiceNameOf(handler.Method)).Distinct(StringComparer.Ordinal))
        {
            GrpcRoutes.MapUnimplementedMethod(builder, serviceName, runtime);
        }

        if (marker.ClaimUnimplementedServiceRoute(builder))
        {
            GrpcRoutes.MapUnimplementedService(builder, runtime);
        }

        return new GrpcServiceEndpointConventionBuilder(methodEndpoints);
    }

    private static string ServiceNameOf(string fullMethodName) =>
        fullMethodName[1..fullMethodName.LastIndexOf('/')];
}
