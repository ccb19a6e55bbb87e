using ControlPlane.Grpc.Server.Internal;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server, as grpc-dotnet's <c>services.AddGrpc()</c> does.</summary>
public static class GrpcServicesExtensions
{
    /// <summary>
    /// Adds the services gRPC endpoints need (routing, options); <paramref name="configureOptions"/> applies to every
    /// service. Calling it again adds further configuration.
    /// </summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions();
        services.TryAddSingleton<GrpcServerMarker>();
        if (configureOptions is not null)
        {
            services.Configure(configureOptions);
        }

        return new GrpcServerBuilder(services);
    }
}
