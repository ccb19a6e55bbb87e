using System.Text.Json;
using ControlPlane.Settings;

namespace ControlPlane.Agent.Configuration;

/// <summary>
/// Reads <see cref="AgentOptions"/> from, in increasing precedence: the JSON file named by <c>--config</c> (or
/// <c>CP_AGENT_CONFIG</c>), <c>CP_*</c> environment variables, and flags (<c>--flag value</c> or <c>--flag=value</c>).
/// </summary>
public static class AgentConfiguration
{
    private static readonly AgentSetting[] Settings =
    [
        new("--server", "CP_SERVER", "server", "control plane address, http://HOST:PORT or https://HOST:PORT", (o, v, _) => o.Server = v),
        new("--registration-token", "CP_REGISTRATION_TOKEN", "registrationToken", "token to register with (first start only); prefer the file or the environment", (o, v, _) => o.RegistrationToken = v)
        {
            FlagWarning = "--registration-token puts the token on the command line, where every process on this machine (steps included) can read it in /proc; give it with --registration-token-file FILE or CP_REGISTRATION_TOKEN instead",
        },
        new("--registration-token-file", "CP_REGISTRATION_TOKEN_FILE", "registrationTokenFile", "file holding the token to register with (first start only)", (o, v, _) => o.RegistrationTokenFile = v),
        new("--name", "CP_RUNNER_NAME", "name", "unique runner name (default: host name)", (o, v, _) => o.Name = v),
        new("--labels", "CP_LABELS", "labels", "labels, e.g. linux,docker (repeatable; comma-separated too)", (o, v, _) => o.Labels = SettingText.SplitList(v)) { Repeatable = true },
        new("--capacity", "CP_CAPACITY", "capacity", "attempts run at once (default 1)", (o, v, s) => o.Capacity = SettingText.ParseInteger(s, v)),
        new("--work-dir", "CP_WORK_DIR", "workDir", "directory for attempt workspaces", (o, v, _) => o.WorkDir = v),
        new("--state-dir", "CP_STATE_DIR", "stateDir", "directory for the runner's identity, attempts and log spools", (o, v, _) => o.StateDir = v),
        new("--ca-cert", "CP_CA_CERT", "caCert", "PEM CA certificate to trust for an https server", (o, v, _) => o.CaCertificate = v),
        new("--insecure-skip-tls-verify", "CP_INSECURE_SKIP_TLS_VERIFY", "insecureSkipTlsVerify", "do not verify the server's certificate (development only)", (o, v, s) => o.InsecureSkipTlsVerify = SettingText.ParseBoolean(s, v)) { IsSwitch = true },
        new("--allow-cleartext", "CP_ALLOW_CLEARTEXT", "allowCleartext", "connect to a plain http:// server on another host without a warning (the network is secured otherwise)", (o, v, s) => o.AllowCleartext = SettingText.ParseBoolean(s, v)) { IsSwitch = true },
        new("--cancel-grace", "CP_CANCEL_GRACE", "cancelGrace", "time a cancelled step gets after SIGINT and after SIGTERM, e.g. 10s", (o, v, s) => o.CancelGrace = SettingText.ParseDuration(s, v)),
        new("--docker-network", "CP_DOCKER_NETWORK", "dockerNetwork", "network for docker step containers: bridge, host, none or a name", (o, v, _) => o.DockerNetwork = v),
        new("--step-user", "CP_STEP_USER", "stepUser", "run shell steps as this unprivileged user (name or uid); the agent must run as root", (o, v, _) => o.StepUser = v),
        new("--log-level", "CP_LOG_LEVEL", "logLevel", "Trace, Debug, Information, Warning or Error", (o, v, _) => o.LogLevel = v),
        new("--log-format", "CP_LOG_FORMAT", "logFormat", "console or json", (o, v, _) => o.LogFormat = v),
    ];

    public static string Usage =>
        "usage: cp-agent [--config FILE] [flags]\n" + string.Concat(Settings.Select(s => $"  {s.Flag,-28} {s.Description} (env {s.EnvironmentVariable}, json \"{s.JsonName}\")\n"));

    /// <param name="warn">Told about settings that work but are unsafe (a secret on the command line, a token file others can read).</param>
    /// <exception cref="AgentUsageException">An unknown flag, a missing value, an unreadable file or an invalid value.</exception>
    public static AgentOptions Load(IReadOnlyList<string> args, Func<string, string?> getVariable, Action<string>? warn = null)
    {
        var flags = ParseFlags(args, out var configFile);
        configFile ??= NullIfEmpty(getVariable("CP_AGENT_CONFIG"));
        var options = new AgentOptions();
        if (configFile is not null)
        {
            foreach (var (setting, value) in ReadFile(configFile))
            {
                Apply(setting, value, options, $"{configFile}: \"{setting.JsonName}\"");
            }
        }

        foreach (var setting in Settings)
        {
            if (NullIfEmpty(getVariable(setting.EnvironmentVariable)) is { } value)
            {
                Apply(setting, value, options, setting.EnvironmentVariable);
            }
        }

        // A repeatable flag given several times is one list: its values are joined, and replace the lower levels'.
        foreach (var group in flags.GroupBy(f => f.Setting))
        {
            var setting = group.Key;
            var values = group.Select(f => f.Value).ToList();
            Apply(setting, setting.Repeatable ? string.Join(',', values) : values[^1], options, setting.Flag);
            if (setting.FlagWarning is { } warning)
            {
                warn?.Invoke(warning);
            }
        }

        RegistrationTokenFile.Apply(options, warn);
        AgentOptionsValidator.Validate(options);
        return options;
    }

    private static List<(AgentSetting Setting, string Value)> ParseFlags(IReadOnlyList<string> args, out string? configFile)
    {
        configFile = null;
        var values = new List<(AgentSetting, string)>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], (string?)null);
            var setting = Settings.FirstOrDefault(s => s.Flag == name);
            if (name != "--config" && setting is null)
            {
                throw new AgentUsageException($"unknown flag '{args[i]}'\n{Usage}");
            }

            var value = inline ?? (setting?.IsSwitch == true ? "true" : i + 1 < args.Count ? args[++i] : throw new AgentUsageException($"flag {name} needs a value"));
            if (setting is null)
            {
                configFile = value;
            }
            else
            {
                values.Add((setting, value));
            }
        }

        return values;
    }

    private static List<(AgentSetting Setting, string Value)> ReadFile(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new AgentUsageException($"config file {path}: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new AgentUsageException($"config file {path}: expected a JSON object");
            }

            var found = new List<(AgentSetting, string)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var setting = Settings.FirstOrDefault(s => s.JsonName == property.Name)
                    ?? throw new AgentUsageException($"config file {path}: unknown property \"{property.Name}\"; known: {string.Join(", ", Settings.Select(s => s.JsonName))}");
                found.Add((setting, property.Value.ValueKind switch
                {
                    JsonValueKind.Array => string.Join(',', property.Value.EnumerateArray().Select(e => e.ToString())),
                    JsonValueKind.True or JsonValueKind.False => property.Value.GetBoolean() ? "true" : "false",
                    _ => property.Value.ToString(),
                }));
            }

            return found;
        }
    }

    /// <param name="source">The setting as the user wrote it: the flag, the variable, or the file and its key.</param>
    private static void Apply(AgentSetting setting, string value, AgentOptions options, string source)
    {
        try
        {
            setting.Apply(options, value, source);
        }
        catch (SettingException e)
        {
            throw new AgentUsageException(e.Message, e);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
