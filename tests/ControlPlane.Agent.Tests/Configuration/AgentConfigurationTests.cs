using ControlPlane.Agent.Configuration;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Configuration;

public sealed class AgentConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new("cp-agent-config");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Flags_set_every_documented_option()
    {
        var options = AgentConfiguration.Load(
            ["--server", "http://127.0.0.1:7700", "--registration-token=reg", "--name", "build-1", "--labels", "linux, docker", "--capacity", "4",
             "--work-dir", "/tmp/w", "--state-dir", "/tmp/s", "--cancel-grace", "3s", "--insecure-skip-tls-verify", "--log-format", "json"],
            _ => null);

        Assert.Equal("http://127.0.0.1:7700", options.Server);
        Assert.Equal("reg", options.RegistrationToken);
        Assert.Equal("build-1", options.Name);
        Assert.Equal(["linux", "docker"], options.Labels);
        Assert.Equal(4, options.Capacity);
        Assert.Equal("/tmp/w", options.WorkDir);
        Assert.Equal("/tmp/s", options.StateDir);
        Assert.Equal(TimeSpan.FromSeconds(3), options.CancelGrace);
        Assert.True(options.InsecureSkipTlsVerify);
        Assert.Equal("json", options.LogFormat);
    }

    [Fact]
    public void Flags_override_environment_which_overrides_the_file()
    {
        var file = _dir.Combine("agent.json");
        File.WriteAllText(file, """
            {
              // comments are allowed
              "server": "http://file:1", "name": "from-file", "labels": ["a", "b"], "capacity": 2, "stateDir": "/file/state",
            }
            """);
        var environment = new Dictionary<string, string> { ["CP_RUNNER_NAME"] = "from-env", ["CP_CAPACITY"] = "3" };

        var options = AgentConfiguration.Load(["--config", file, "--capacity", "5"], environment.GetValueOrDefault);

        Assert.Equal("http://file:1", options.Server);
        Assert.Equal("from-env", options.Name);
        Assert.Equal(5, options.Capacity);
        Assert.Equal(["a", "b"], options.Labels);
        Assert.Equal("/file/state", options.StateDir);
    }

    [Fact]
    public void Values_are_spelled_as_for_every_program_durations_booleans_and_repeated_or_comma_separated_lists()
    {
        var file = _dir.Combine("agent.json");
        File.WriteAllText(file, """{ "server": "http://x:1", "cancelGrace": "00:00:07", "labels": "from-file" }""");

        var fromFlags = AgentConfiguration.Load(
            ["--config", file, "--cancel-grace", "1m30s", "--labels", "linux", "--labels", "x64,docker", "--allow-cleartext=yes"], _ => null);
        var fromFile = AgentConfiguration.Load(["--config", file], name => name == "CP_INSECURE_SKIP_TLS_VERIFY" ? "1" : null);

        Assert.Equal(TimeSpan.FromSeconds(90), fromFlags.CancelGrace);
        Assert.Equal(["linux", "x64", "docker"], fromFlags.Labels);
        Assert.True(fromFlags.AllowCleartext);
        // TimeSpan text, which files written before the shared grammar used, still reads.
        Assert.Equal(TimeSpan.FromSeconds(7), fromFile.CancelGrace);
        Assert.Equal(["from-file"], fromFile.Labels);
        Assert.True(fromFile.InsecureSkipTlsVerify);
    }

    [Fact]
    public void The_config_file_can_come_from_the_environment()
    {
        var file = _dir.Combine("agent.json");
        File.WriteAllText(file, """{ "server": "https://cp.example.com" }""");

        var options = AgentConfiguration.Load([], name => name == "CP_AGENT_CONFIG" ? file : null);

        Assert.Equal("https://cp.example.com", options.Server);
    }

    [Theory]
    [InlineData(new[] { "--server", "http://x:1", "--bogus", "1" }, "unknown flag '--bogus'")]
    [InlineData(new[] { "--server" }, "flag --server needs a value")]
    [InlineData(new string[0], "--server is required")]
    [InlineData(new[] { "--server", "ftp://x" }, "--server: 'ftp://x' is not an http:// or https:// address")]
    [InlineData(new[] { "--server", "http://x:1", "--capacity", "many" }, "--capacity: 'many' is not a whole number")]
    [InlineData(new[] { "--server", "http://x:1", "--capacity", "0" }, "--capacity: must be between 1 and 1024, got 0")]
    [InlineData(new[] { "--server", "http://x:1", "--labels", "ok,not ok" }, "--labels: 'not ok' is not a valid label")]
    [InlineData(new[] { "--server", "http://x:1", "--name", "a/b" }, "--name: 'a/b' is not a valid runner name")]
    [InlineData(new[] { "--server", "http://x:1", "--cancel-grace", "soon" }, "--cancel-grace: invalid duration 'soon'")]
    [InlineData(new[] { "--server", "http://x:1", "--log-format", "xml" }, "--log-format: must be console or json, got 'xml'")]
    [InlineData(new[] { "--server", "http://x:1", "--allow-cleartext=maybe" }, "--allow-cleartext: 'maybe' is not true or false")]
    public void Bad_configuration_is_refused_naming_the_setting(string[] args, string expected)
    {
        var error = Assert.Throws<AgentUsageException>(() => AgentConfiguration.Load(args, _ => null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_file_is_refused_naming_the_file()
    {
        var file = _dir.Combine("broken.json");
        File.WriteAllText(file, """{ "server": "http://x:1", "capacty": 2 }""");

        var error = Assert.Throws<AgentUsageException>(() => AgentConfiguration.Load(["--config", file], _ => null));

        Assert.Contains($"config file {file}: unknown property \"capacty\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_value_is_named_when_it_is_wrong()
    {
        var error = Assert.Throws<AgentUsageException>(() => AgentConfiguration.Load(["--server", "http://x:1"], name => name == "CP_CAPACITY" ? "lots" : null));

        Assert.StartsWith("CP_CAPACITY: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packaged_example_configuration_loads()
    {
        var options = AgentConfiguration.Load(["--config", Path.Combine(AppContext.BaseDirectory, "Packaging", "agent.example.json")], _ => null);

        Assert.Equal("https://controlplane.example.com:7700", options.Server);
        Assert.Equal(["linux", "x64", "docker"], options.Labels);
        Assert.Equal(2, options.Capacity);
    }
}
