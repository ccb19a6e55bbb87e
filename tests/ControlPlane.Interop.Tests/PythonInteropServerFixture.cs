using System.Globalization;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Grpc.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>
/// Two python3-grpcio interop servers (interop_server.py), one on cleartext HTTP/2 and one on TLS with the test
/// certificate, started once for a test class, with one channel to each.
/// </summary>
public sealed class PythonInteropServerFixture : IAsyncLifetime, IInteropServers
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private PythonProcess? _cleartextServer;
    private PythonProcess? _tlsServer;
    private GrpcChannel? _cleartextChannel;
    private GrpcChannel? _tlsChannel;

    public async Task InitializeAsync()
    {
        var certificate = TestCertificate.Localhost;
        var cleartextStart = PythonProcess.StartAsync("interop_server.py", []);
        var tlsStart = PythonProcess.StartAsync("interop_server.py", ["--tls", "--cert", certificate.CertificatePemPath, "--key", certificate.KeyPemPath]);
        _cleartextServer = await cleartextStart;
        _tlsServer = await tlsStart;

        _cleartextChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{await ReadPortAsync(_cleartextServer)}");
        _tlsChannel = GrpcChannel.ForAddress($"https://127.0.0.1:{await ReadPortAsync(_tlsServer)}", new GrpcChannelOptions
        {
            HttpHandler = GrpcHttpHandlers.CreateTrusting(certificate.CertificatePemPath),
            DisposeHttpClient = true,
        });
    }

    public GrpcChannel Channel(string transport) => transport switch
    {
        InteropTransports.Cleartext => _cleartextChannel!,
        InteropTransports.Tls => _tlsChannel!,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "expected h2c or tls"),
    };

    public TestService.TestServiceClient Client(string transport) => new(Channel(transport));

    /// <summary>What the servers printed, for the output of a failed test.</summary>
    public string DescribeServers() =>
        $"h2c server stderr:\n{_cleartextServer?.StandardError}\ntls server stderr:\n{_tlsServer?.StandardError}";

    public async Task DisposeAsync()
    {
        _cleartextChannel?.Dispose();
        _tlsChannel?.Dispose();
        if (_cleartextServer is not null)
        {
            await _cleartextServer.DisposeAsync();
        }

        if (_tlsServer is not null)
        {
            await _tlsServer.DisposeAsync();
        }
    }

    private static async Task<int> ReadPortAsync(PythonProcess server)
    {
        var line = await server.WaitForLineAsync("LISTENING ", StartTimeout);
        return int.Parse(line["LISTENING ".Length..], CultureInfo.InvariantCulture);
    }
}
