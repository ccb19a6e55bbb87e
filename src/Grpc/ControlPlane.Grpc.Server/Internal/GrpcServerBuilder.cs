using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Grpc.Server.Internal;

internal sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
{
    public IServiceCollection Services { get; } = services;
}
