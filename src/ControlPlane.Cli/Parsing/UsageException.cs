namespace ControlPlane.Cli.Parsing;

/// <summary>The command line (or the configuration) is wrong: exit code 2, one line naming what is wrong.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
