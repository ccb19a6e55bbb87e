namespace ControlPlane.Cli.Configuration;

/// <summary>Where cpctl connects and with what credentials, after flags, environment and config file are merged.</summary>
/// <param name="Server">The server's address; defaults to <see cref="DefaultServer"/>.</param>
/// <param name="Token">The API token sent as <c>authorization: Bearer</c>; null to send none.</param>
/// <param name="CaCert">A PEM file of CA certificates to trust for https; null for the system trust store.</param>
internal sealed record CliSettings(string Server, string? Token, string? CaCert)
{
    /// <summary>The server a fresh install listens on.</summary>
    public const string DefaultServer = "http://127.0.0.1:7700";
}
