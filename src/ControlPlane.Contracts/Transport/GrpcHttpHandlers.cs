using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

// Grpc.Net.Client takes any HttpMessageHandler but leaves its tuning to the caller; cp-agent and cpctl need the same
// one (several HTTP/2 connections, keepalive pings a C-core server tolerates, a private CA), so it is written once,
// here, where both already reference. BCL only.
namespace ControlPlane.Contracts.Transport;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> a <c>GrpcChannel</c> sends through, tuned for gRPC, and
/// variants for TLS with a private CA or, in development only, without certificate validation. Pass the result as
/// <c>GrpcChannelOptions.HttpHandler</c> with <c>GrpcChannelOptions.DisposeHttpClient</c> set to true.
/// </summary>
public static class GrpcHttpHandlers
{
    /// <summary>
    /// Time without any frame from the server before the client pings it. C-core servers (grpcio, grpc-go is
    /// similar) accept one ping per 5 minutes while they send no data and answer more with GOAWAY too_many_pings,
    /// which kills every stream on the connection; so the delay stays just above 5 minutes.
    /// </summary>
    public static readonly TimeSpan DefaultKeepAlivePingDelay = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(15);

    /// <summary>How long a ping may go unanswered before the connection is considered dead.</summary>
    public static readonly TimeSpan DefaultKeepAlivePingTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long establishing a connection (TCP and TLS) may take before the call fails with UNAVAILABLE.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A handler that opens more HTTP/2 connections when one reaches the server's concurrent stream limit, pings a
    /// connection that carries calls but has gone quiet, and validates server certificates against the system
    /// trust store.
    /// </summary>
    public static SocketsHttpHandler Create()
    {
        return new SocketsHttpHandler
        {
            // Without it the 101st concurrent call on a Kestrel connection waits for a free stream.
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = DefaultKeepAlivePingDelay,
            KeepAlivePingTimeout = DefaultKeepAlivePingTimeout,
            // Long-lived agent streams need pings to notice a dead peer; idle connections need none.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = DefaultConnectTimeout,
            // PooledConnectionIdleTimeout keeps its 1-minute default: idle connections get no pings, so one that a
            // NAT silently dropped would otherwise stall the next call until a ping times out.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
    }

    /// <summary>
    /// A handler like <see cref="Create"/> that accepts only server certificates issued by (or equal to) a
    /// certificate in <paramref name="caCertificatePemPath"/>, instead of the system trust store. The host name is
    /// still checked.
    /// </summary>
    public static SocketsHttpHandler CreateTrusting(string caCertificatePemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(caCertificatePemPath);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caCertificatePemPath);
        if (authorities.Count == 0)
        {
            throw new ArgumentException($"'{caCertificatePemPath}' holds no PEM certificate.", nameof(caCertificatePemPath));
        }

        var handler = Create();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            IssuedByTrustedAuthority(certificate, chain, errors, authorities);
        return handler;
    }

    /// <summary>
    /// A handler like <see cref="Create"/> that accepts any server certificate. For development against a
    /// self-signed server only: it gives no protection against an active attacker.
    /// </summary>
    public static SocketsHttpHandler CreateWithoutCertificateValidation()
    {
        var handler = Create();
#pragma warning disable CA5359 // Deliberate: the caller asked for no validation, for a development server.
        handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        return handler;
    }

    private static bool IssuedByTrustedAuthority(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        // Name and presence problems are not about trust anchors; a private CA cannot excuse them.
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            // Intermediates the server sent; the anchor must still be one of ours.
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using var loaded = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(loaded);
    }
}
