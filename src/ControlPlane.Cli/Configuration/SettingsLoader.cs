using System.Text.Json;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Configuration;

/// <summary>
/// Resolves <see cref="CliSettings"/>: flags win over CP_SERVER / CP_TOKEN / CP_CA_CERT, which win over the config
/// file ($CP_CONFIG, else ~/.config/cpctl/config.json). A missing default file is fine; a file named by CP_CONFIG
/// that is missing, or any file that is not valid JSON, is a usage error naming it.
/// </summary>
internal static class SettingsLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Merges the three sources; <paramref name="environment"/> reads a variable (null when unset).</summary>
    public static CliSettings Load(GlobalOptions flags, Func<string, string?> environment)
    {
        var file = ReadFile(environment);
        var server = First(flags.Server, environment("CP_SERVER"), file?.Server) ?? CliSettings.DefaultServer;
        var token = First(flags.Token, environment("CP_TOKEN"), file?.Token);
        var caCert = First(flags.CaCert, environment("CP_CA_CERT"), file?.CaCert);
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new UsageException($"server address '{server}' is not an http:// or https:// URL");
        }

        var allowCleartext = flags.AllowCleartext || IsTrue(environment("CP_ALLOW_CLEARTEXT")) || file?.AllowCleartext == true;
        return new CliSettings(server, token, caCert, allowCleartext);
    }

    /// <summary>The config file in use: $CP_CONFIG, else ~/.config/cpctl/config.json.</summary>
    public static string ConfigPath(Func<string, string?> environment) =>
        First(environment("CP_CONFIG")) ?? Path.Combine(
            First(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "cpctl", "config.json");

    private static ConfigFile? ReadFile(Func<string, string?> environment)
    {
        var path = ConfigPath(environment);
        var named = First(environment("CP_CONFIG")) is not null;
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

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
