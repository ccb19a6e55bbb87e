using ControlPlane.Settings;

namespace ControlPlane.Server.Hosting;

/// <summary>
/// Turns <c>cp-server</c> flags and <c>CP_*</c> environment variables into configuration keys, so one options
/// class serves appsettings.json, the environment and the command line alike.
/// </summary>
public static class ServerFlags
{
    public static readonly IReadOnlyList<FlagSpec> All =
    [
        new("--listen", "Server:Listen", "CP_LISTEN", "address to listen on, http://HOST:PORT or https://HOST:PORT (repeatable or comma-separated)", Repeatable: true),
        new("--http-listen", "Server:HttpListen", "CP_HTTP_LISTEN", "plain HTTP address for webhooks and /metrics, http://HOST:PORT (repeatable or comma-separated)", Repeatable: true),
        new("--config", "Server:ConfigFile", "CP_CONFIG", "JSON configuration file (same sections as appsettings.json); flags and CP_* override it"),
        new("--data-dir", "Server:DataDir", "CP_DATA_DIR", "directory for the database and logs"),
        new("--tls-cert", "Server:TlsCert", "CP_TLS_CERT", "PEM certificate for https listeners"),
        new("--tls-key", "Server:TlsKey", "CP_TLS_KEY", "PEM private key for https listeners"),
        new("--log-level", "Logging:LogLevel:Default", "CP_LOG_LEVEL", "Trace, Debug, Information, Warning or Error"),
        new("--log-format", "Logging:Format", "CP_LOG_FORMAT", "console or json"),
        new("--heartbeat-interval", "Scheduler:HeartbeatInterval", "CP_HEARTBEAT_INTERVAL", "how often runners heartbeat, e.g. 5s", IsDuration: true),
        new("--runner-lost-timeout", "Scheduler:RunnerLostTimeout", "CP_RUNNER_LOST_TIMEOUT", "a runner silent this long is lost and its leases lapse, e.g. 15s", IsDuration: true),
        new("--offer-timeout", "Scheduler:OfferTimeout", "CP_OFFER_TIMEOUT", "how long a runner has to accept an offer, e.g. 10s", IsDuration: true),
        new("--registration-token", "Runners:RegistrationTokens", "CP_REGISTRATION_TOKEN", "a token agents may register runners with (repeatable or comma-separated)", Repeatable: true),
        new("--secrets-file", "Runners:SecretsFile", "CP_SECRETS_FILE", "JSON object of secret name to value, for secrets.<name> in steps"),
        new("--allow-cleartext", "Server:AllowCleartext", "CP_ALLOW_CLEARTEXT", "serve plain http:// on a non-loopback address without a warning (the network is secured otherwise)", IsSwitch: true),
        new("--max-steps-per-run", "Server:MaxStepsPerRun", "CP_MAX_STEPS_PER_RUN", "most steps one run may have, matrix combinations counted (default 10000)", IsNumber: true),
        new("--dev", "Server:Dev", "CP_DEV", "development mode: authentication is off; only allowed when every listener is loopback", IsSwitch: true),
        new("--failover-grace", "Scheduler:FailoverGrace", "CP_FAILOVER_GRACE", "after a restart, how long runners have to reattach (default 2x the lost timeout)", IsDuration: true),
        new("--otlp-endpoint", "Metrics:OtlpEndpoint", "CP_OTLP_ENDPOINT", "export metrics over OTLP/HTTP (protobuf) to this collector base address, e.g. http://collector:4318"),
        new("--retention-max-age", "Retention:MaxAge", "CP_RETENTION_MAX_AGE", "delete finished runs (with logs and events) older than this, e.g. 30d (default: keep forever)", IsDuration: true),
        new("--retention-max-log-bytes", "Retention:MaxLogBytes", "CP_RETENTION_MAX_LOG_BYTES", "cap on all stored log bytes; logs of the oldest finished runs go first (default: no cap)", IsNumber: true),
    ];

    public static string Usage =>
        "usage: cp-server [flags]\n" + string.Concat(All.Select(f => $"  {f.Name,-22} {f.Description} (env {f.EnvironmentVariable})\n"));

    /// <summary>Configuration values from the environment variables that are set.</summary>
    public static Dictionary<string, string?> FromEnvironment(Func<string, string?> getVariable)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in All)
        {
            var value = getVariable(flag.EnvironmentVariable);
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (flag.Repeatable)
            {
                var items = SettingText.SplitList(value);
                for (var i = 0; i < items.Length; i++)
                {
                    values[$"{flag.ConfigKey}:{i}"] = items[i];
                }
            }
            else
            {
                values[flag.ConfigKey] = Convert(flag, value, flag.EnvironmentVariable);
            }
        }

        return values;
    }

    /// <summary>Configuration values from <c>--flag value</c> or <c>--flag=value</c> arguments.</summary>
    /// <exception cref="UsageException">An unknown flag or a flag without its value.</exception>
    public static Dictionary<string, string?> FromArguments(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            var flag = All.FirstOrDefault(f => f.Name == name)
                ?? throw new UsageException($"unknown flag '{args[i]}'\n{Usage}");
            var value = inlineValue ?? (flag.IsSwitch ? "true" : null) ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"flag '{name}' needs a value\n{Usage}"));
            if (flag.Repeatable)
            {
                // Repeated, or comma-separated as in the environment: --listen A --listen B is --listen A,B.
                foreach (var item in SettingText.SplitList(value))
                {
                    var index = counts.GetValueOrDefault(name);
                    counts[name] = index + 1;
                    values[$"{flag.ConfigKey}:{index}"] = item;
                }
            }
            else
            {
                values[flag.ConfigKey] = Convert(flag, value, flag.Name);
            }
        }

        return values;
    }

    /// <summary>The values a repeatable flag was given in <paramref name="values"/>, or null when it was not given.</summary>
    /// <remarks>Configuration merges lists by index; a list given on a higher level must replace a lower one instead.</remarks>
    public static IReadOnlyList<string>? RepeatedValues(IReadOnlyDictionary<string, string?> values, string configKey)
    {
        var items = values
            .Where(kv => kv.Key.StartsWith(configKey + ":", StringComparison.OrdinalIgnoreCase) && kv.Value is not null)
            .OrderBy(kv => int.Parse(kv.Key[(configKey.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(kv => kv.Value!)
            .ToList();
        return items.Count > 0 ? items : null;
    }

    /// <summary>Durations are written as in workflow files (<c>15s</c>) and handed to configuration as TimeSpan text;
    /// switches become <c>true</c> or <c>false</c>. Both are spelled as in every program (<see cref="SettingText"/>).</summary>
    /// <exception cref="UsageException">Not a duration, a boolean or a number where the flag takes one.</exception>
    private static string Convert(FlagSpec flag, string value, string source)
    {
        try
        {
            return flag.IsSwitch ? (SettingText.ParseBoolean(source, value) ? "true" : "false")
                : flag.IsDuration ? SettingText.ParseDuration(source, value).ToString("c", System.Globalization.CultureInfo.InvariantCulture)
                : flag.IsNumber ? SettingText.ParseLong(source, value).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : value;
        }
        catch (SettingException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
