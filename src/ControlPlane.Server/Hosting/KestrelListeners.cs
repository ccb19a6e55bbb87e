using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ControlPlane.Server.Hosting;

/// <summary>Opens one Kestrel listener per configured address, with the protocol gRPC needs on each.</summary>
public static class KestrelListeners
{
    public static void Configure(KestrelServerOptions kestrel, ServerOptions options, BoundListeners bound)
    {
        kestrel.AddServerHeader = false;
        X509Certificate2? certificate = null;
        foreach (var (flag, text, isGrpc) in options.AllListeners)
        {
            if (!ListenEndpoint.TryParse(text, out var endpoint, out var error))
            {
                throw new UsageException($"{flag}: {error}");
            }

            void Setup(ListenOptions listen)
            {
                if (endpoint!.UseTls)
                {
                    // ALPN negotiates h2 for gRPC clients; HTTP/1.1 stays available for plain HTTP callers.
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate ??= LoadCertificate(options));
                }
                else
                {
                    // Without TLS there is no ALPN: gRPC clients speak HTTP/2 with prior knowledge, so a gRPC
                    // listener must be HTTP/2 only or both .NET and C-core clients fail. A plain HTTP listener
                    // serves webhook senders and scrapers, which speak HTTP/1.1.
                    listen.Protocols = isGrpc ? HttpProtocols.Http2 : HttpProtocols.Http1;
                }

                if (isGrpc)
                {
                    bound.AddGrpc(listen, endpoint.UseTls);
                }
                else
                {
                    bound.AddHttp(listen, endpoint.UseTls);
                }
            }

            if (endpoint!.Address is null)
            {
                kestrel.ListenLocalhost(endpoint.Port, Setup);
            }
            else
            {
                kestrel.Listen(endpoint.Address, endpoint.Port, Setup);
            }
        }
    }

    private static X509Certificate2 LoadCertificate(ServerOptions options)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.TlsCert!, options.TlsKey);

            // Re-import so SslStream on Linux can use the private key.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new UsageException($"--tls-cert/--tls-key: cannot load '{options.TlsCert}' with '{options.TlsKey}': {e.Message}");
        }
    }
}
