using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ControlPlane.Testing;

/// <summary>
/// A self-signed certificate for localhost and 127.0.0.1, made once per test process, with PEM files for
/// peers that read them (python's grpc.ssl_channel_credentials, cp-server's --tls-cert/--tls-key).
/// </summary>
public sealed class TestCertificate
{
    private static readonly Lazy<TestCertificate> Shared = new(Create);

    private TestCertificate(X509Certificate2 certificate, string certificatePemPath, string keyPemPath)
    {
        Certificate = certificate;
        CertificatePemPath = certificatePemPath;
        KeyPemPath = keyPemPath;
    }

    public static TestCertificate Localhost => Shared.Value;

    /// <summary>The certificate with its private key, usable by Kestrel.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate in PEM; also the CA a client must trust.</summary>
    public string CertificatePemPath { get; }

    public string KeyPemPath { get; }

    private static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        var directory = Directory.CreateTempSubdirectory("cp-test-cert-").FullName;
        var certificatePath = Path.Combine(directory, "localhost.crt");
        var keyPath = Path.Combine(directory, "localhost.key");
        File.WriteAllText(certificatePath, created.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());

        // A certificate loaded from PKCS#12 keeps its key usable by SslStream on Linux.
        var loaded = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
        return new TestCertificate(loaded, certificatePath, keyPath);
    }
}
