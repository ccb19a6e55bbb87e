using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Testing;

/// <summary>What a <see cref="TestGrpcServer"/> hosts; by default the interop <see cref="TestServiceImpl"/>.</summary>
public sealed class TestGrpcServerOptions
{
    /// <summary>Registers services and gRPC options; must call <c>AddGrpc</c>.</summary>
    public Action<IServiceCollection> ConfigureServices { get; set; } = services => services.AddGrpc();

    /// <summary>Maps the gRPC services (and any other endpoints) the test needs.</summary>
    public Action<IEndpointRouteBuilder> MapEndpoints { get; set; } = endpoints => endpoints.MapGrpcService<TestServiceImpl>();

    /// <summary>Also listen with TLS (HTTP/1.1 and HTTP/2 negotiated by ALPN) using <see cref="TestCertificate.Localhost"/>.</summary>
    public bool EnableTls { get; set; } = true;
}
