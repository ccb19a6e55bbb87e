using ControlPlane.Server.Hosting;

namespace ControlPlane.Server.Tests.Hosting;

public class ServerFlagsTests
{
    [Fact]
    public void Listen_is_repeatable_and_each_value_keeps_its_order()
    {
        var values = ServerFlags.FromArguments(["--listen", "http://127.0.0.1:1", "--listen=https://0.0.0.0:2", "--data-dir", "/tmp/x"]);

        Assert.Equal(["http://127.0.0.1:1", "https://0.0.0.0:2"], ServerFlags.RepeatedValues(values, "Server:Listen"));
        Assert.Equal("/tmp/x", values["Server:DataDir"]);
    }

    [Fact]
    public void An_unknown_flag_is_named_in_the_error_with_the_usage()
    {
        var error = Assert.Throws<UsageException>(() => ServerFlags.FromArguments(["--lisen", "x"]));

        Assert.StartsWith("unknown flag '--lisen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--listen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_without_its_value_is_an_error()
    {
        var error = Assert.Throws<UsageException>(() => ServerFlags.FromArguments(["--data-dir", "--listen", "http://127.0.0.1:1"]));

        Assert.StartsWith("flag '--data-dir' needs a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_flag_can_come_from_its_CP_environment_variable()
    {
        var environment = new Dictionary<string, string>
        {
            ["CP_LISTEN"] = "http://127.0.0.1:1, http://127.0.0.1:2",
            ["CP_DATA_DIR"] = "/var/lib/cp",
            ["CP_TLS_CERT"] = "c.pem",
            ["CP_TLS_KEY"] = "k.pem",
            ["CP_LOG_LEVEL"] = "Debug",
            ["CP_LOG_FORMAT"] = "json",
        };

        var values = ServerFlags.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal(["http://127.0.0.1:1", "http://127.0.0.1:2"], ServerFlags.RepeatedValues(values, "Server:Listen"));
        Assert.Equal("/var/lib/cp", values["Server:DataDir"]);
        Assert.Equal("c.pem", values["Server:TlsCert"]);
        Assert.Equal("k.pem", values["Server:TlsKey"]);
        Assert.Equal("Debug", values["Logging:LogLevel:Default"]);
        Assert.Equal("json", values["Logging:Format"]);
        Assert.All(ServerFlags.All, flag => Assert.StartsWith("CP_", flag.EnvironmentVariable, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--dev" }, "true")]
    [InlineData(new[] { "--dev", "--listen", "http://127.0.0.1:1" }, "true")]
    [InlineData(new[] { "--dev=false" }, "false")]
    [InlineData(new[] { "--dev=1" }, "true")]
    public void Dev_is_a_switch_that_needs_no_value(string[] arguments, string expected)
    {
        Assert.Equal(expected, ServerFlags.FromArguments(arguments)["Server:Dev"]);
    }

    [Fact]
    public void Dev_comes_from_CP_DEV_and_a_value_that_is_not_a_boolean_is_named()
    {
        Assert.Equal("true", ServerFlags.FromEnvironment(name => name == "CP_DEV" ? "1" : null)["Server:Dev"]);

        var error = Assert.Throws<UsageException>(() => ServerFlags.FromEnvironment(name => name == "CP_DEV" ? "maybe" : null));

        Assert.Equal("CP_DEV: 'maybe' is not true or false", error.Message);
    }
}
