namespace ControlPlane.Cli.Configuration;

/// <summary>Where cpctl connects and with what credentials, after flags, environment and config file are merged.</summary>
/// <param name="Server">The server's address; defaults to <see cref="DefaultServer"/>.</param>
/// <param name="Token">The API token sent as <c>authorization: Bearer</c>; null to send none.</param>
/// <param name="CaCert">A PEM file of CA certificates to trust for https; null for the system trust store.</param>
/// <param name="AllowCleartext">No warning for a plain http:// server on another host (the network is secured otherwise).</param>
/// <param name="Timeout">How long one unary call may take; null for <see cref="DefaultTimeout"/>.</param>
internal sealed record CliSettings(string Server, string? Token, string? CaCert, bool AllowCleartext = false, TimeSpan? Timeout = null)
{
    /// <summary>The server a fresh install listens on.</summary>
    public const string DefaultServer = "http://127.0.0.1:7700";

    /// <summary>How long one unary call may take unless configured: a hung server cannot hang the CLI.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The deadline of one unary call.</summary>
    public TimeSpan CallTimeout => Timeout ?? DefaultTimeout;

    /// <summary>
    /// The warning to show before connecting, or null: a plain http:// server on another host carries the API token and
    /// everything sent and read in cleartext.
    /// </summary>
    public string? CleartextWarning =>
        !AllowCleartext && Uri.TryCreate(Server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback
            ? $"cpctl: warning: {Server} is plain http:// to another host: your API token, workflow sources, secrets in outputs and logs travel in cleartext; use an https:// address (with --ca-cert for a private CA), or --allow-cleartext if the network is secured otherwise"
            : null;
}
