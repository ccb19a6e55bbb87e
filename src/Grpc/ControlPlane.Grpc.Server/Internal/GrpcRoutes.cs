using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>The routes of gRPC methods (<c>POST /{service}/{method}</c>) and the UNIMPLEMENTED fallbacks.</summary>
internal static class GrpcRoutes
{
    public const string UnimplementedServiceParameter = "unimplementedService";
    public const string UnimplementedMethodParameter = "unimplementedMethod";

    private static readonly string[] PostOnly = [HttpMethods.Post];

    /// <summary>Any method of a service not mapped here; ranks below every literal route.</summary>
    public static IEndpointConventionBuilder MapUnimplementedService(IEndpointRouteBuilder endpoints, GrpcServerRuntime runtime)
    {
        var pattern = RoutePatternFactory.Parse(
            $"{{{UnimplementedServiceParameter}}}/{{{UnimplementedMethodParameter}}}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { [UnimplementedMethodParameter] = new GrpcContentTypeConstraint() });
        var handler = new UnimplementedCallHandler("unimplemented service", runtime);
        return endpoints.Map(pattern, new RequestDelegate(handler.HandleCallAsync))
            .WithDisplayName("gRPC - Unimplemented service")
            .WithMetadata(new HttpMethodMetadata(PostOnly));
    }

    /// <summary>A method the mapped service <paramref name="serviceName"/> does not have.</summary>
    public static IEndpointConventionBuilder MapUnimplementedMethod(IEndpointRouteBuilder endpoints, string serviceName, GrpcServerRuntime runtime)
    {
        var pattern = RoutePatternFactory.Parse(
            $"{serviceName}/{{{UnimplementedMethodParameter}}}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { [UnimplementedMethodParameter] = new GrpcContentTypeConstraint() });
        var handler = new UnimplementedCallHandler($"unimplemented method of {serviceName}", runtime);
        return endpoints.Map(pattern, new RequestDelegate(handler.HandleCallAsync))
            .WithDisplayName($"gRPC - Unimplemented method of {serviceName}")
            .WithMetadata(new HttpMethodMetadata(PostOnly));
    }

    public static IEndpointConventionBuilder MapMethod(IEndpointRouteBuilder endpoints, ServerCallHandler handler) =>
        endpoints.Map(RoutePatternFactory.Parse(handler.Method), new RequestDelegate(handler.HandleCallAsync))
            .WithDisplayName($"gRPC - {handler.Method}")
            .WithMetadata(new HttpMethodMetadata(PostOnly));
}
