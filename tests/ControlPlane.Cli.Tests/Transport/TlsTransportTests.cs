using ControlPlane.Cli.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Transport;

/// <summary>
/// Remote agents and operators over TLS, as the README tells them to set it up: cp-server on an https:// listener
/// with --tls-cert/--tls-key, cp-agent and cpctl trusting its CA with --ca-cert. Nothing falls back to cleartext.
/// </summary>
public sealed class TlsTransportTests
{
    private const string RegistrationToken = "tls-tests-registration-token";

    [Fact]
    public async Task A_workflow_applied_and_run_over_https_succeeds_with_the_agent_and_cpctl_trusting_the_servers_ca()
    {
        using var root = new TempDirectory("cp-tls");
        var certificate = TestCertificate.Localhost;
        await using var server = await ServerProcess.StartAsync(
            root.Combine("server"),
            ["--registration-token", RegistrationToken, "--tls-cert", certificate.CertificatePemPath, "--tls-key", certificate.KeyPemPath],
            listen: "https://127.0.0.1:0");
        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        var address = server.Address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var agent = await AgentProcess.StartAsync(address, "tls-agent", root.Path, RegistrationToken, extraArguments: ["--ca-cert", certificate.CertificatePemPath]);
        var token = (await File.ReadAllTextAsync(root.Combine("server", "admin.token"))).Trim();
        var workflow = root.Combine("over-tls.yaml");
        await File.WriteAllTextAsync(workflow, """
            name: over-tls
            steps:
              - id: hello
                run: echo "hello over tls"
            """);
        var environment = new Dictionary<string, string> { ["CP_TOKEN"] = token, ["CP_CA_CERT"] = certificate.CertificatePemPath };

        var applied = await Cpctl.RunAsync(["--server", address, "apply", workflow], environment);
        var run = await Cpctl.RunAsync(["--server", address, "run", "over-tls", "--follow"], environment);
        var untrusted = await Cpctl.RunAsync(["--server", address, "runs", "list"], new Dictionary<string, string> { ["CP_TOKEN"] = token });

        Assert.True(applied.ExitCode == 0, $"{applied}\n{server.Process.Transcript}");
        Assert.True(run.ExitCode == 0, $"{run}\n{server.Process.Transcript}\n{agent.Process.Transcript}");
        Assert.Contains("hello | hello over tls", run.StandardOutput);
        Assert.NotEqual(0, untrusted.ExitCode);
        Assert.DoesNotContain("in cleartext", server.Process.StandardOutput + agent.Process.StandardOutput + applied.StandardError + run.StandardError, StringComparison.Ordinal);
    }
}
