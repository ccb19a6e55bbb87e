using ControlPlane.Contracts.V1;
using ControlPlane.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Hosting;

/// <summary>cp-server as operators start it: a real process, real flags, a real socket.</summary>
public sealed class ServerProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task GetVersion_answers_over_h2c_on_a_port_picked_by_the_OS()
    {
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), log: output.WriteLine);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var version = await new AdminService.AdminServiceClient(channel).GetVersionAsync(new GetVersionRequest());

        Assert.Equal("controlplane.v1", version.ApiVersion);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Version);
        Assert.StartsWith(".NET", version.Runtime, StringComparison.Ordinal);
        Assert.True(version.StartedAt.ToDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Health_reports_SERVING_for_the_server_and_each_service()
    {
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), log: output.WriteLine);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var health = new global::Grpc.Health.V1.Health.HealthClient(channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "controlplane.v1.AdminService" })).Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = "nope" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task A_reflection_client_lists_describes_and_calls_without_any_stubs(string version)
    {
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), log: output.WriteLine);
        await using var client = await PythonProcess.StartAsync("reflection_client.py", ["--server", server.Address["http://".Length..], "--version", version, "--call-get-version"]);

        var exitCode = await client.WaitForExitAsync(ExitTimeout);

        Assert.True(exitCode == 0, client.StandardError);
        Assert.Contains("SERVICE controlplane.v1.AdminService", client.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("SERVICE grpc.health.v1.Health", client.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("METHOD controlplane.v1.AdminService.GetVersion controlplane.v1.GetVersionRequest controlplane.v1.GetVersionResponse", client.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FIELD api_version controlplane.v1", client.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_listener_serves_plain_HTTP_1_1_beside_the_gRPC_listener()
    {
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), ["--http-listen", "http://127.0.0.1:0"], output.WriteLine);
        using var http = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.GetAsync(new Uri(new Uri(server.HttpAddress!), "/healthz"));

        Assert.NotEqual(server.Address, server.HttpAddress);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_config_file_sets_options_and_flags_override_it()
    {
        var config = _directory.Combine("server.json");
        var configDataDir = _directory.Combine("from-config");
        await File.WriteAllTextAsync(config, $$"""{ "Server": { "DataDir": "{{configDataDir}}", "HttpListen": [ "http://127.0.0.1:0" ] } }""");

        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), ["--config", config], output.WriteLine);
        var line = await server.Process.WaitForLineAsync(l => l.Contains("Listening for HTTP", StringComparison.Ordinal), "the HTTP listener from the config file", ExitTimeout);

        Assert.Contains("http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory.Combine("data"), "controlplane.db")));
        Assert.False(Directory.Exists(configDataDir));
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_gracefully_with_exit_code_0()
    {
        await using var server = await ServerProcess.StartAsync(_directory.Combine("data"), log: output.WriteLine);

        server.Process.Signal(15);

        Assert.Equal(0, await server.Process.WaitForExitAsync(ExitTimeout));
    }

    [Theory]
    [InlineData(new[] { "--listne", "http://127.0.0.1:0" }, "cp-server: unknown flag '--listne'")]
    [InlineData(new[] { "--listen", "127.0.0.1:0" }, "cp-server: --listen: '127.0.0.1:0' is not an http:// or https:// address")]
    [InlineData(new[] { "--listen", "https://127.0.0.1:0" }, "cp-server: --tls-cert: missing")]
    [InlineData(new[] { "--log-format", "xml" }, "cp-server: --log-format: 'xml' is not console or json")]
    [InlineData(new[] { "--http-listen", "127.0.0.1:0" }, "cp-server: --http-listen: '127.0.0.1:0' is not an http:// or https:// address")]
    [InlineData(new[] { "--config", "/nonexistent/server.json" }, "cp-server: --config: file '/nonexistent/server.json' does not exist")]
    [InlineData(new[] { "--registration-token", "short-token" }, "cp-server: --registration-token: a static registration token must be at least 16 characters, one has 11;")]
    public async Task Bad_flags_stop_the_server_with_one_clear_line_and_exit_code_2(string[] arguments, string expected)
    {
        await using var server = ServerProcess.StartRaw([.. arguments, "--data-dir", _directory.Combine("data")], output.WriteLine);

        Assert.Equal(2, await server.WaitForExitAsync(ExitTimeout));
        Assert.StartsWith(expected, server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_stops_the_server_with_exit_code_2()
    {
        var file = _directory.Combine("a-file");
        await File.WriteAllTextAsync(file, "x");
        await using var server = ServerProcess.StartRaw(["--listen", "http://127.0.0.1:0", "--data-dir", Path.Combine(file, "data")], output.WriteLine);

        Assert.Equal(2, await server.WaitForExitAsync(ExitTimeout));
        Assert.StartsWith("cp-server: --data-dir: cannot write to", server.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
