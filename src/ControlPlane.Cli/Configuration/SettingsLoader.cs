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
        var path = ConfigPath(environment);
        var file = ReadFile(path, named: Set(environment("CP_CONFIG")) is not null) ?? new ConfigFile();
        string Key(string key) => $"config file '{path}' key \"{key}\"";

        var (server, serverSource) = First((flags.Server, "--server"), (environment("CP_SERVER"), "CP_SERVER"), (file.Server, Key("server")));
        if (server is not null && (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
        {
            throw new UsageException($"{serverSource}: server address '{server}' is not an http:// or https:// URL");
        }

        var (allowText, allowSource) = First((environment("CP_ALLOW_CLEARTEXT"), "CP_ALLOW_CLEARTEXT"));
        var (timeoutText, timeoutSource) = First((environment("CP_TIMEOUT"), "CP_TIMEOUT"), (file.Timeout, Key("timeout")));
        return new CliSettings(
            server ?? CliSettings.DefaultServer,
            First((flags.Token, "--token"), (environment("CP_TOKEN"), "CP_TOKEN"), (file.Token, Key("token"))).Value,
            First((flags.CaCert, "--ca-cert"), (environment("CP_CA_CERT"), "CP_CA_CERT"), (file.CaCert, Key("caCert"))).Value,
            flags.AllowCleartext ?? (allowText is null ? file.AllowCleartext : ValueParsers.Bool(allowText, allowSource!)) ?? false,
            flags.Timeout ?? (timeoutText is null ? null : ValueParsers.PositiveDuration(timeoutText, timeoutSource!)));
    }

    /// <summary>The config file in use: $CP_CONFIG, else ~/.config/cpctl/config.json.</summary>
    public static string ConfigPath(Func<string, string?> environment) =>
        Set(environment("CP_CONFIG")) ?? Path.Combine(
            Set(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "cpctl", "config.json");

    /// <summary>The first source, in precedence order, that sets a value (only that one is read), and its name for errors.</summary>
    private static (string? Value, string? Source) First(params (string? Value, string Source)[] sources) =>
        sources.Select(s => (Set(s.Value), (string?)s.Source)).FirstOrDefault(s => s.Item1 is not null);

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
}
