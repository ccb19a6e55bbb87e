namespace ControlPlane.Core.Logs;

/// <summary>How much of an attempt's log the store holds.</summary>
/// <param name="ReceivedBytes">Bytes held contiguously from 0: the acknowledged offset to resume from.</param>
/// <param name="DeclaredLength">The total the runner declared when the attempt finished, if it has.</param>
/// <param name="DeclaredChecksum">The <see cref="LogChecksum"/> the runner declared with it.</param>
/// <param name="IsComplete">All declared bytes are held and their checksum matched.</param>
public sealed record LogStatus(long ReceivedBytes, long? DeclaredLength, string? DeclaredChecksum, bool IsComplete)
{
    public static LogStatus Empty { get; } = new(0, null, null, false);
}
