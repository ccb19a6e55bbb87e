using ControlPlane.Testing;
using Grpc.Net.Client;

namespace ControlPlane.Interop.Tests;

/// <summary>One channel per transport to a pair of servers: cleartext HTTP/2, and TLS trusting the test certificate.</summary>
public sealed class InteropChannels : IDisposable
{
    private readonly GrpcChannel _cleartext;
    private readonly GrpcChannel _tls;

    private InteropChannels(GrpcChannel cleartext, GrpcChannel tls)
    {
        _cleartext = cleartext;
        _tls = tls;
    }

    public static InteropChannels Open(Uri cleartextAddress, Uri tlsAddress) => new(
        GrpcChannel.ForAddress(cleartextAddress),
        GrpcChannel.ForAddress(tlsAddress, new GrpcChannelOptions
        {
            HttpHandler = GrpcHttpHandlers.CreateTrusting(TestCertificate.Localhost.CertificatePemPath),
            DisposeHttpClient = true,
        }));

    public GrpcChannel For(string transport) => transport switch
    {
        InteropTransports.Cleartext => _cleartext,
        InteropTransports.Tls => _tls,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "expected h2c or tls"),
    };

    public void Dispose()
    {
        _cleartext.Dispose();
        _tls.Dispose();
    }
}
