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
    private InteropChannels? _channels;

    public async Task InitializeAsync()
    {
        var certificate = TestCertificate.Localhost;
        var cleartextStart = PythonProcess.StartAsync("interop_server.py", []);
        var tlsStart = PythonProcess.StartAsync("interop_server.py", ["--tls", "--cert", certificate.CertificatePemPath, "--key", certificate.KeyPemPath]);
        _cleartextServer = await cleartextStart;
        _tlsServer = await tlsStart;

        _channels = InteropChannels.Open(
            new Uri($"http://127.0.0.1:{await ReadPortAsync(_cleartextServer)}"),
            new Uri($"https://127.0.0.1:{await ReadPortAsync(_tlsServer)}"));
    }

    public GrpcChannel Channel(string transport) => _channels!.For(transport);

    public TestService.TestServiceClient Client(string transport) => new(Channel(transport));

    /// <summary>What the servers printed, for the output of a failed test.</summary>
    public string DescribeServers() =>
        $"h2c server stderr:\n{_cleartextServer?.StandardError}\ntls server stderr:\n{_tlsServer?.StandardError}";

    public async Task DisposeAsync()
    {
        _channels?.Dispose();
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
