using ControlPlane.Cli.Configuration;
using ControlPlane.Cli.Parsing;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private static readonly SettingValues NoFlags = new();

    private readonly TempDirectory _home = new("cpctl-settings");

    [Fact]
    public void Flags_win_over_the_environment_which_wins_over_the_config_file_for_every_setting()
    {
        var config = WriteDefaultConfig("""{"server": "http://file:1", "token": "file-token", "caCert": "/file/ca.pem", "allowCleartext": true, "timeout": "1m"}""");
        var environment = Environment(("CP_TOKEN", "env-token"), ("CP_TIMEOUT", "2m"), ("CP_ALLOW_CLEARTEXT", "false"));

        var fromFile = SettingsLoader.Load(NoFlags, Environment());
        var fromEnvironment = SettingsLoader.Load(NoFlags, environment);
        var fromFlags = SettingsLoader.Load(new SettingValues("http://flag:1", "flag-token", null, true, TimeSpan.FromMinutes(3)), environment);

        Assert.True(File.Exists(config));
        Assert.Equal(new CliSettings("http://file:1", "file-token", "/file/ca.pem", true, TimeSpan.FromMinutes(1)), fromFile);
        Assert.Equal(new CliSettings("http://file:1", "env-token", "/file/ca.pem", false, TimeSpan.FromMinutes(2)), fromEnvironment);
        Assert.Equal(new CliSettings("http://flag:1", "flag-token", "/file/ca.pem", true, TimeSpan.FromMinutes(3)), fromFlags);
    }

    [Fact]
    public void Without_any_source_the_defaults_are_used_and_no_token_is_sent()
    {
        var settings = SettingsLoader.Load(NoFlags, Environment());

        Assert.Equal(new CliSettings("http://127.0.0.1:7700", null, null), settings);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.CallTimeout);
    }

    [Fact]
    public void Durations_and_booleans_read_the_same_from_every_source()
    {
        WriteDefaultConfig("""{"timeout": "1h30m"}""");

        Assert.Equal(TimeSpan.FromMinutes(90), SettingsLoader.Load(NoFlags, Environment()).Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), SettingsLoader.Load(NoFlags, Environment(("CP_TIMEOUT", "500ms"))).Timeout);
        Assert.Equal(TimeSpan.FromDays(2), SettingsLoader.Load(NoFlags, Environment(("CP_TIMEOUT", "2d"))).Timeout);
        Assert.True(SettingsLoader.Load(NoFlags, Environment(("CP_ALLOW_CLEARTEXT", "1"))).AllowCleartext);
        Assert.True(SettingsLoader.Load(NoFlags, Environment(("CP_ALLOW_CLEARTEXT", "TRUE"))).AllowCleartext);
    }

    [Fact]
    public void A_bad_value_names_the_variable_or_the_config_key_it_came_from_and_only_the_winning_source_is_read()
    {
        var config = WriteDefaultConfig("""{"timeout": "soon", "server": "localhost:7700"}""");

        var fromFile = Assert.Throws<UsageException>(() => SettingsLoader.Load(new SettingValues(Server: "http://a:1"), Environment()));
        var serverFromFile = Assert.Throws<UsageException>(() => SettingsLoader.Load(NoFlags, Environment(("CP_TIMEOUT", "5s"))));
        var fromEnvironment = Assert.Throws<UsageException>(() => SettingsLoader.Load(new SettingValues(Server: "http://a:1"), Environment(("CP_TIMEOUT", "5 s"))));
        var boolean = Assert.Throws<UsageException>(() => SettingsLoader.Load(new SettingValues(Server: "http://a:1", Timeout: TimeSpan.FromSeconds(1)), Environment(("CP_ALLOW_CLEARTEXT", "sure"))));
        var zero = Assert.Throws<UsageException>(() => SettingsLoader.Load(new SettingValues(Server: "http://a:1"), Environment(("CP_TIMEOUT", "0s"))));
        var overridden = SettingsLoader.Load(new SettingValues(Server: "http://a:1"), Environment(("CP_TIMEOUT", "5s")));

        Assert.Equal($"config file '{config}' key \"timeout\": invalid duration 'soon'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m", fromFile.Message);
        Assert.StartsWith($"config file '{config}' key \"server\": server address 'localhost:7700'", serverFromFile.Message);
        Assert.StartsWith("CP_TIMEOUT: invalid duration '5 s'", fromEnvironment.Message);
        Assert.Equal("CP_ALLOW_CLEARTEXT: 'sure' is not true or false", boolean.Message);
        Assert.StartsWith("CP_TIMEOUT: the duration must be longer than 0", zero.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), overridden.Timeout);
    }

    [Fact]
    public void A_broken_config_file_or_a_missing_named_one_is_a_usage_error_naming_it()
    {
        var notUrl = Assert.Throws<UsageException>(() => SettingsLoader.Load(new SettingValues(Server: "localhost:7700"), Environment()));
        var config = WriteDefaultConfig("""{"server": "http://x:1", "sever": 2}""");

        var broken = Assert.Throws<UsageException>(() => SettingsLoader.Load(NoFlags, Environment()));
        var missing = Assert.Throws<UsageException>(() => SettingsLoader.Load(NoFlags, Environment(("CP_CONFIG", "/nowhere.json"))));

        Assert.Contains(config, broken.Message);
        Assert.Contains("/nowhere.json", missing.Message);
        Assert.StartsWith("--server: server address 'localhost:7700'", notUrl.Message);
    }

    public void Dispose() => _home.Dispose();

    private string WriteDefaultConfig(string text)
    {
        var path = _home.Combine(".config", "cpctl", "config.json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => name == "HOME" ? _home.Path : variables.FirstOrDefault(v => v.Name == name).Value;
}
