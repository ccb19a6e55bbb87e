using System.Text.Json;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Configuration;

/// <summary>
/// Resolves <see cref="CliSettings"/> with one precedence for every setting: flags, then the CP_* environment, then the
/// config file ($CP_CONFIG, else ~/.config/cpctl/config.json), then the defaults. Each source is read with the same
/// grammar (durations as in workflow files, booleans true/false/1/0), and a bad value is a usage error naming the flag,
/// the variable or the file and key it came from. A missing default file is fine; a file named by CP_CONFIG that is
/// missing, or any file that is not valid JSON, is a usage error naming it.
/// </summary>
/// <remarks>
/// Three sources of five settings are merged here rather than through Microsoft.Extensions.Configuration because every
/// error must name the one source a bad value came from, which a merged configuration no longer knows.
/// </remarks>
internal static class SettingsLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Merges the flags with the environment and the config file; <paramref name="environment"/> reads a variable (null when unset).</summary>
    public static CliSettings Load(SettingValues flags, Func<string, string?> environment)
    {
        var fromEnvironment = FromEnvironment(environment);
        var fromFile = FromFile(environment);
        var server = flags.Server ?? fromEnvironment.Server ?? fromFile.Values.Server ?? CliSettings.DefaultServer;
        var serverSource = flags.Server is not null ? "--server" : fromEnvironment.Server is not null ? "CP_SERVER" : fromFile.Values.Server is not null ? fromFile.Key("server") : null;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new UsageException($"{serverSource}: server address '{server}' is not an http:// or https:// URL");
        }

        return new CliSettings(
            server,
            flags.Token ?? fromEnvironment.Token ?? fromFile.Values.Token,
            flags.CaCert ?? fromEnvironment.CaCert ?? fromFile.Values.CaCert,
            flags.AllowCleartext ?? fromEnvironment.AllowCleartext ?? fromFile.Values.AllowCleartext ?? false,
            flags.Timeout ?? fromEnvironment.Timeout ?? fromFile.Values.Timeout);
    }

    /// <summary>The config file in use: $CP_CONFIG, else ~/.config/cpctl/config.json.</summary>
    public static string ConfigPath(Func<string, string?> environment) =>
        Set(environment("CP_CONFIG")) ?? Path.Combine(
            Set(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "cpctl", "config.json");

    private static SettingValues FromEnvironment(Func<string, string?> environment) => new(
        Set(environment("CP_SERVER")),
        Set(environment("CP_TOKEN")),
        Set(environment("CP_CA_CERT")),
        Set(environment("CP_ALLOW_CLEARTEXT")) is { } allow ? ValueParsers.Bool(allow, "CP_ALLOW_CLEARTEXT") : null,
        Set(environment("CP_TIMEOUT")) is { } timeout ? ValueParsers.PositiveDuration(timeout, "CP_TIMEOUT") : null);

    private static FileSettings FromFile(Func<string, string?> environment)
    {
        var path = ConfigPath(environment);
        var file = ReadFile(path, named: Set(environment("CP_CONFIG")) is not null);
        var settings = new FileSettings(path, new SettingValues());
        return file is null ? settings : settings with
        {
            Values = new SettingValues(
                Set(file.Server),
                Set(file.Token),
                Set(file.CaCert),
                file.AllowCleartext,
                Set(file.Timeout) is { } timeout ? ValueParsers.PositiveDuration(timeout, settings.Key("timeout")) : null),
        };
    }

    private static ConfigFile? ReadFile(string path, bool named)
    {
        if (!File.Exists(path))
        {
            return named ? throw new UsageException($"config file '{path}' (CP_CONFIG) does not exist") : null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), JsonOptions) ?? new ConfigFile();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $":{line + 1}" : string.Empty;
            throw new UsageException($"config file '{path}{where}' is not valid: {FirstLine(e.Message)}", e);
        }
        catch (IOException e)
        {
            throw new UsageException($"config file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>What the config file says, and where it is, to name a key in an error.</summary>
    private sealed record FileSettings(string Path, SettingValues Values)
    {
        public string Key(string key) => $"config file '{Path}' key \"{key}\"";
    }
}
