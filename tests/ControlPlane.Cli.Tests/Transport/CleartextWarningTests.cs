using ControlPlane.Cli.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Transport;

/// <summary>
/// Plain http:// beyond loopback carries tokens, secrets and logs in cleartext: the server, the agent and cpctl each
/// say so in one warning line, unless the operator opts in with --allow-cleartext. Loopback and https stay quiet.
/// </summary>
public sealed class CleartextWarningTests
{
    // TEST-NET-1 (RFC 5737): never routed, so the programs warn and then fail to connect at once.
    private const string RemoteServer = "http://192.0.2.1:7700";

    [Fact]
    public async Task The_server_warns_once_about_a_plain_http_listener_on_every_interface()
    {
        using var root = new TempDirectory("cp-transport");
        await using var exposed = await ServerProcess.StartAsync(root.Combine("exposed"), ["--registration-token", "cleartext-tests-registration"], listen: "http://0.0.0.0:0");
        await using var optedIn = await ServerProcess.StartAsync(root.Combine("opted-in"), ["--registration-token", "cleartext-tests-registration", "--allow-cleartext"], listen: "http://0.0.0.0:0");
        await using var loopback = await ServerProcess.StartAsync(root.Combine("loopback"), ["--registration-token", "cleartext-tests-registration"]);
        await exposed.Process.WaitForLineAsync(l => l.Contains("cp-server", StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal), "started", TimeSpan.FromSeconds(30));
        await optedIn.Process.WaitForLineAsync(l => l.Contains("cp-server", StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal), "started", TimeSpan.FromSeconds(30));
        await loopback.Process.WaitForLineAsync(l => l.Contains("cp-server", StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal), "started", TimeSpan.FromSeconds(30));

        var warnings = Warnings(exposed.Process.StandardOutput);
        var warning = Assert.Single(warnings);
        Assert.Contains("Serving plain http:// on http://0.0.0.0:0", warning);
        Assert.Contains("registration and runner tokens, step scripts and secrets, logs and outputs travel in cleartext", warning);
        Assert.Empty(Warnings(optedIn.Process.StandardOutput));
        Assert.Empty(Warnings(loopback.Process.StandardOutput));
    }

    [Fact]
    public async Task The_agent_warns_about_a_plain_http_server_on_another_host_unless_allowed()
    {
        using var root = new TempDirectory("cp-transport-agent");
        await using var warned = AgentProcess.StartRaw(RemoteServer, "remote", root.Path, "cleartext-tests-registration");
        await using var allowed = AgentProcess.StartRaw(RemoteServer, "allowed", root.Path, "cleartext-tests-registration", extraArguments: ["--allow-cleartext"]);

        var line = await warned.Process.WaitForLineAsync(l => l.Contains("cleartext", StringComparison.Ordinal), "the cleartext warning", TimeSpan.FromSeconds(30));
        await allowed.Process.WaitForLineAsync(l => l.Contains("192.0.2.1", StringComparison.Ordinal), "a connection attempt", TimeSpan.FromSeconds(30));

        Assert.Contains($"Connecting to {RemoteServer} over plain http:// from another host: the runner token", line);
        Assert.Empty(Warnings(allowed.Process.StandardOutput + allowed.Process.StandardError));
    }

    [Fact]
    public async Task Cpctl_warns_on_stderr_about_a_plain_http_server_on_another_host_unless_allowed()
    {
        var warned = await Cpctl.RunAsync(["--server", RemoteServer, "runs", "list"]);
        var allowedByFlag = await Cpctl.RunAsync(["--server", RemoteServer, "--allow-cleartext", "runs", "list"]);
        var allowedByEnvironment = await Cpctl.RunAsync(["--server", RemoteServer, "runs", "list"], new Dictionary<string, string> { ["CP_ALLOW_CLEARTEXT"] = "true" });
        var loopback = await Cpctl.RunAsync(["--server", "http://127.0.0.1:1", "runs", "list"]);

        var warning = Assert.Single(Warnings(warned.StandardError));
        Assert.StartsWith($"cpctl: warning: {RemoteServer} is plain http:// to another host: your API token", warning);
        Assert.DoesNotContain("in cleartext", warned.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(Warnings(allowedByFlag.StandardError));
        Assert.Empty(Warnings(allowedByEnvironment.StandardError));
        Assert.Empty(Warnings(loopback.StandardError));
    }

    private static List<string> Warnings(string output) =>
        [.. output.Split('\n').Where(l => l.Contains("in cleartext", StringComparison.Ordinal))];
}
