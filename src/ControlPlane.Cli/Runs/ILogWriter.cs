namespace ControlPlane.Cli.Runs;

/// <summary>
/// Where one log's byte pieces go, in order, from one reader: <see cref="Write"/> for each piece as it arrives, then
/// <see cref="Flush"/> once at the end (also after a failure) for what a last unterminated line left.
/// </summary>
internal interface ILogWriter
{
    /// <summary>Adds the next piece of the log.</summary>
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Writes what is held back; called once, when the log ends or its stream fails.</summary>
    void Flush();
}
