using ControlPlane.Contracts.V1;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;

namespace ControlPlane.Server.Tests.Auth;

/// <summary>A new server writes its first admin token to the data directory, owner-only, exactly once.</summary>
public sealed class AdminTokenBootstrapTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("cp-auth");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_first_start_writes_an_owner_only_admin_token_that_works()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var path = Path.Combine(server.DataDir, AdminTokenBootstrap.FileName);

        var admin = await ReadAdminTokenAsync(server.DataDir);
        var created = await CreateAsync(server.Channel, admin, ApiTokenRole.Viewer, cancellationToken: server.Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.StartsWith(Core.Auth.ApiTokens.ApiPrefix, admin, StringComparison.Ordinal);
        Assert.Equal(ApiTokenRole.Viewer, created.Token.Role);
    }

    [Fact]
    public async Task A_second_start_creates_no_other_admin_token()
    {
        await using var server = await ApiServer.StartWithAuthAsync(output);
        var first = await ReadAdminTokenAsync(server.DataDir);

        await server.RestartAsync();
        var tokens = await new AdminService.AdminServiceClient(server.Channel).ListApiTokensAsync(new ListApiTokensRequest(), Bearer(first), cancellationToken: server.Ct);

        Assert.Equal(first, await ReadAdminTokenAsync(server.DataDir));
        Assert.Single(tokens.Tokens);
    }

    [Fact]
    public async Task The_token_file_is_not_logged_only_its_path()
    {
        var dataDir = _directory.Combine("data");
        await using var server = await ServerProcess.StartAsync(dataDir, log: output.WriteLine);
        var admin = await ReadAdminTokenAsync(dataDir);

        Assert.Contains(Path.Combine(dataDir, AdminTokenBootstrap.FileName), server.Process.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(admin, server.Process.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://192.0.2.1:0")]
    public async Task Dev_mode_on_a_listener_that_is_not_loopback_is_refused_with_exit_code_2(string listen)
    {
        await using var server = ServerProcess.StartRaw(["--listen", "http://127.0.0.1:0", "--listen", listen, "--dev", "--data-dir", _directory.Combine("data")], output.WriteLine);

        Assert.Equal(2, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.StartsWith("cp-server: --dev: turns authentication off, so it is allowed only on loopback listeners", server.StandardError, StringComparison.Ordinal);
        Assert.Contains(listen, server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_mode_on_loopback_starts_with_a_loud_warning()
    {
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), ["--dev"], output.WriteLine);

        Assert.Contains("authentication is DISABLED (--dev)", server.Process.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
