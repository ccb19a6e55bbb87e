using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ControlPlane.Grpc.Client.Tests.Fixtures;
using ControlPlane.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>Failing to reach the server (refused, TLS) gives UNAVAILABLE with the cause; TLS trust options work.</summary>
public sealed class ConnectionFailureTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public async Task Unreachable_server_gives_UNAVAILABLE_promptly()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ClosedPort()}");
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("refused", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_unresolvable_host_gives_UNAVAILABLE()
    {
        // .invalid never resolves (RFC 6761).
        using var channel = GrpcChannel.ForAddress("http://no-such-host.invalid:5000");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("no-such-host.invalid", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cleartext_call_to_a_TLS_port_gives_UNAVAILABLE()
    {
        using var channel = GrpcChannel.ForAddress($"http://{server.TlsAddress.Authority}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task A_duplex_call_to_an_unreachable_server_gives_UNAVAILABLE_on_read_and_write()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ClosedPort()}");
        using var call = channel.Duplex("DuplexEcho", RawGrpcServer.Options(out _));

        var readError = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync([1]));

        Assert.Equal(StatusCode.Unavailable, readError.StatusCode);
        Assert.Equal(StatusCode.Unavailable, writeError.StatusCode);
        Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync)).StatusCode);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_gives_UNAVAILABLE()
    {
        using var channel = GrpcChannel.ForAddress(server.TlsAddress);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("SSL", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_CA_file_is_accepted()
    {
        using var channel = GrpcChannel.ForAddress(server.TlsAddress, new GrpcChannelOptions
        {
            HttpHandler = GrpcHttpHandlers.CreateTrusting(TestCertificate.Localhost.CertificatePemPath),
            DisposeHttpClient = true,
        });

        Assert.Equal(new byte[] { 5 }, await channel.Unary("Respond", RawGrpcServer.Options(out _), [5]));
    }

    [Fact]
    public async Task Skipping_certificate_validation_accepts_a_self_signed_server()
    {
        using var channel = GrpcChannel.ForAddress(server.TlsAddress, new GrpcChannelOptions
        {
            HttpHandler = GrpcHttpHandlers.CreateWithoutCertificateValidation(),
            DisposeHttpClient = true,
        });

        Assert.Equal(new byte[] { 6 }, await channel.Unary("Respond", RawGrpcServer.Options(out _), [6]));
    }

    [Fact]
    public void A_CA_file_without_certificates_is_rejected()
    {
        using var directory = new TempDirectory();
        var empty = directory.Combine("empty.pem");
        File.WriteAllText(empty, "no certificate here\n");

        Assert.Throws<ArgumentException>(() => GrpcHttpHandlers.CreateTrusting(empty));
    }

    private static int ClosedPort()
    {
        // A port that was just free and has no listener: connecting is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
