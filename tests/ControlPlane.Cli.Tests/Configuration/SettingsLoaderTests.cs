using ControlPlane.Cli.Configuration;
using ControlPlane.Cli.Parsing;
using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly TempDirectory _home = new("cpctl-settings");

    [Fact]
    public void Flags_win_over_the_environment_which_wins_over_the_config_file()
    {
        var config = WriteDefaultConfig("""{"server": "http://file:1", "token": "file-token", "caCert": "/file/ca.pem"}""");
        var environment = Environment(("CP_TOKEN", "env-token"));

        var fromFile = SettingsLoader.Load(new GlobalOptions(null, null, null, false), environment);
        var fromFlags = SettingsLoader.Load(new GlobalOptions("http://flag:1", null, null, false), environment);

        Assert.True(File.Exists(config));
        Assert.Equal(new CliSettings("http://file:1", "env-token", "/file/ca.pem"), fromFile);
        Assert.Equal("http://flag:1", fromFlags.Server);
    }

    [Fact]
    public void Without_any_source_the_default_server_is_used_and_no_token_is_sent()
    {
        var settings = SettingsLoader.Load(new GlobalOptions(null, null, null, false), Environment());

        Assert.Equal(new CliSettings("http://127.0.0.1:7700", null, null), settings);
    }

    [Fact]
    public void A_broken_config_file_or_a_missing_named_one_is_a_usage_error_naming_it()
    {
        var notUrl = Assert.Throws<UsageException>(() => SettingsLoader.Load(new GlobalOptions("localhost:7700", null, null, false), Environment()));
        var config = WriteDefaultConfig("""{"server": "http://x:1", "sever": 2}""");

        var broken = Assert.Throws<UsageException>(() => SettingsLoader.Load(new GlobalOptions(null, null, null, false), Environment()));
        var missing = Assert.Throws<UsageException>(() => SettingsLoader.Load(new GlobalOptions(null, null, null, false), Environment(("CP_CONFIG", "/nowhere.json"))));

        Assert.Contains(config, broken.Message);
        Assert.Contains("/nowhere.json", missing.Message);
        Assert.Contains("localhost:7700", notUrl.Message);
    }

    public void Dispose() => _home.Dispose();

    private string WriteDefaultConfig(string text)
    {
        var path = _home.Combine(".config", "cpctl", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => name == "HOME" ? _home.Path : variables.FirstOrDefault(v => v.Name == name).Value;
}
