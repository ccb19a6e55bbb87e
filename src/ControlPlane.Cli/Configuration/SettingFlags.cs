using System.CommandLine;
using ControlPlane.Cli.Parsing;
using ControlPlane.Settings;

namespace ControlPlane.Cli.Configuration;

/// <summary>
/// The connection settings as flags, accepted by every command anywhere on the command line. Each has a CP_*
/// environment variable and a config file key of the same meaning (see <see cref="SettingsLoader"/>).
/// </summary>
internal sealed class SettingFlags
{
    public Option<string?> Server { get; } = Global(TypedOptions.Text("--server", "URL", "the server, e.g. http://127.0.0.1:7700 (env CP_SERVER, config \"server\")"));

    public Option<string?> Token { get; } = Global(TypedOptions.Text("--token", "TOKEN", "API token sent as a bearer token (env CP_TOKEN, config \"token\")"));

    public Option<string?> CaCert { get; } = Global(TypedOptions.Text("--ca-cert", "FILE", "PEM CA certificate to trust for an https server (env CP_CA_CERT, config \"caCert\")"));

    public Option<bool> AllowCleartext { get; } = Global(TypedOptions.Flag(
        "--allow-cleartext", "no warning for a plain http:// server on another host (env CP_ALLOW_CLEARTEXT=true, config \"allowCleartext\": true)"));

    public Option<TimeSpan?> Timeout { get; } = Global(TypedOptions.Parsed<TimeSpan?>(
        "--timeout",
        "DURATION", $"how long one request may take, e.g. 10s, 1m30s (default {DurationFormat.Format(CliSettings.DefaultTimeout)}; env CP_TIMEOUT, config \"timeout\")",
        (text, _) => ValueParsers.PositiveDuration(text, "--timeout")));

    /// <summary>Every flag, to add to the root command.</summary>
    public IEnumerable<Option> All => [Server, Token, CaCert, AllowCleartext, Timeout];

    /// <summary>The values given on this command line (null where a flag was not given).</summary>
    public SettingValues Read(ParseResult parse) =>
        new(parse.GetValue(Server), parse.GetValue(Token), parse.GetValue(CaCert), Given(parse, AllowCleartext), parse.GetValue(Timeout));

    private static bool? Given(ParseResult parse, Option<bool> flag) => parse.GetResult(flag) is { Implicit: false } ? parse.GetValue(flag) : null;

    private static T Global<T>(T option)
        where T : Option
    {
        option.Recursive = true;
        return option;
    }
}

/// <summary>Connection settings from one source; null where that source says nothing.</summary>
internal sealed record SettingValues(string? Server = null, string? Token = null, string? CaCert = null, bool? AllowCleartext = null, TimeSpan? Timeout = null);
