namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddGrpc</c>, for further configuration of the gRPC server's services.</summary>
public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}
