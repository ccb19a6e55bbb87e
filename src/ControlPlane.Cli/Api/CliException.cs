namespace ControlPlane.Cli.Api;

/// <summary>
/// A failure to report as <c>cpctl: message</c> (with optional detail lines, e.g. diagnostics) and exit with
/// <see cref="ExitCode"/>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, IReadOnlyList<string>? details = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    public CliException()
        : this(ExitCodes.Failed, "failed")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failed, message)
    {
    }

    public CliException(string message, Exception innerException)
        : this(ExitCodes.Failed, message, null, innerException)
    {
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Lines printed after the message, e.g. one per diagnostic.</summary>
    public IReadOnlyList<string> Details { get; }
}
