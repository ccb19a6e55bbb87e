namespace ControlPlane.Core.Cron;

/// <summary>A cron expression that cannot be parsed; <see cref="Position"/> is the 0-based offset of the problem.</summary>
public sealed class CronSyntaxException : FormatException
{
    public CronSyntaxException()
    {
    }

    public CronSyntaxException(string message)
        : base(message)
    {
    }

    public CronSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CronSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}
