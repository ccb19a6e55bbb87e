using ControlPlane.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>
/// Debian's python3-grpcio (C-core), an independent implementation, runs each interop case against our server,
/// over cleartext HTTP/2 and over TLS.
/// </summary>
public sealed class PythonClientAgainstOurServerTests(OurServerWithTestServiceFixture fixture)
    : IClassFixture<OurServerWithTestServiceFixture>
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] Cases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_service", "unimplemented_method",
        "client_compressed_unary", "idle_bidi", "concurrent_streams", "oversized_request",
    ];

    public static TheoryData<string, string> CasesOverEachTransport()
    {
        var data = new TheoryData<string, string>();
        foreach (var testCase in Cases)
        {
            data.Add(testCase, "h2c");
            data.Add(testCase, "tls");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesOverEachTransport))]
    public async Task Python_grpcio_client_passes_the_interop_case(string testCase, string transport)
    {
        var server = fixture.Server;
        var address = transport == "tls" ? server.HttpsAddress! : server.HttpAddress;
        List<string> arguments = ["--server", $"{address.Host}:{address.Port}", "--case", testCase];
        if (transport == "tls")
        {
            // The certificate names localhost and 127.0.0.1; checking the name keeps the test honest about TLS.
            arguments.AddRange(["--tls", "--ca", TestCertificate.Localhost.CertificatePemPath, "--server-host-override", "localhost"]);
        }

        await using var python = await PythonProcess.StartAsync("interop_client.py", arguments);
        var exitCode = await python.WaitForExitAsync(CaseTimeout);

        Assert.True(
            exitCode == 0,
            $"python interop case '{testCase}' over {transport} exited with {exitCode}.\n" +
            $"--- python stdout ---\n{python.StandardOutput}\n--- python stderr ---\n{python.StandardError}\n" +
            $"--- server log ---\n{server.Logs}");
    }
}
