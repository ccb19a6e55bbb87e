using ControlPlane.Testing;
using Grpc.Net.Client;
using Grpc.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>One server with the interop TestService (h2c and TLS endpoints) shared by every python client case.</summary>
public sealed class OurServerWithTestServiceFixture : IAsyncLifetime, IInteropServers
{
    private TestGrpcServer? _server;
    private InteropChannels? _channels;

    public TestGrpcServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync();
        _channels = InteropChannels.Open(_server.HttpAddress, _server.HttpsAddress!);

        // Generate the python stubs once, before the first case's clock starts.
        await PythonStubs.GetDirectoryAsync();
    }

    public GrpcChannel Channel(string transport) => _channels!.For(transport);

    public TestService.TestServiceClient Client(string transport) => new(Channel(transport));

    public string DescribeServers() => $"our server log:\n{_server?.Logs}";

    public async Task DisposeAsync()
    {
        _channels?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
