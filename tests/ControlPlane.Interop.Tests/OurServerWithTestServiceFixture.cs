using ControlPlane.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>One server with the interop TestService (h2c and TLS endpoints) shared by every python client case.</summary>
public sealed class OurServerWithTestServiceFixture : IAsyncLifetime
{
    private TestGrpcServer? _server;

    public TestGrpcServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync();

        // Generate the python stubs once, before the first case's clock starts.
        await PythonStubs.GetDirectoryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
