using ControlPlane.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>A server with the interop TestService and default options, shared by a test class.</summary>
public sealed class TestServiceServerFixture : IAsyncLifetime
{
    private TestGrpcServer? _server;

    public TestGrpcServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestGrpcServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
