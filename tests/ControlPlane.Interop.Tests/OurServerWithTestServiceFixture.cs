using ControlPlane.Testing;
using Grpc.Net.Client;
using Grpc.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>One server with the interop TestService (h2c and TLS endpoints) shared by every python client case.</summary>
public sealed class OurServerWithTestServiceFixture : IAsyncLifetime, IInteropServers
{
    private TestGrpcServer? _server;
    private GrpcChannel? _cleartextChannel;
    private GrpcChannel? _tlsChannel;

    public TestGrpcServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync();
        _cleartextChannel = GrpcChannel.ForAddress(_server.HttpAddress);
        _tlsChannel = GrpcChannel.ForAddress(_server.HttpsAddress!, new GrpcChannelOptions
        {
            HttpHandler = GrpcHttpHandlers.CreateTrusting(TestCertificate.Localhost.CertificatePemPath),
            DisposeHttpClient = true,
        });

        // Generate the python stubs once, before the first case's clock starts.
        await PythonStubs.GetDirectoryAsync();
    }

    public GrpcChannel Channel(string transport) => transport switch
    {
        InteropTransports.Cleartext => _cleartextChannel!,
        InteropTransports.Tls => _tlsChannel!,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "expected h2c or tls"),
    };

    public TestService.TestServiceClient Client(string transport) => new(Channel(transport));

    public string DescribeServers() => $"our server log:\n{_server?.Logs}";

    public async Task DisposeAsync()
    {
        _cleartextChannel?.Dispose();
        _tlsChannel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
