namespace ControlPlane.Cli;

/// <summary>cpctl's exit codes; the README's CLI reference lists the same table.</summary>
internal static class ExitCodes
{
    /// <summary>What was asked succeeded.</summary>
    public const int Success = 0;

    /// <summary>A run waited on failed or was cancelled, a workflow is invalid, or the server refused the request.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The server is unreachable, did not answer in time, or refused the credentials.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Interrupted = 130;
}
