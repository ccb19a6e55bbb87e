namespace ControlPlane.Cli.Parsing;

/// <summary>Options every command accepts, anywhere on the command line.</summary>
internal sealed record GlobalOptions(string? Server, string? Token, string? CaCert, bool Help, bool AllowCleartext = false)
{
    /// <summary>The global options as they appear in help.</summary>
    public static readonly IReadOnlyList<OptionSpec> Specs =
    [
        OptionSpec.Value("server", "URL", "the server, e.g. http://127.0.0.1:7700 (env CP_SERVER)"),
        OptionSpec.Value("token", "TOKEN", "API token sent as a bearer token (env CP_TOKEN)"),
        OptionSpec.Value("ca-cert", "FILE", "PEM CA certificate to trust for an https server (env CP_CA_CERT)"),
        OptionSpec.Flag("allow-cleartext", "no warning for a plain http:// server on another host (env CP_ALLOW_CLEARTEXT=true)"),
        OptionSpec.Flag("help", "show help for the command", 'h'),
    ];
}
