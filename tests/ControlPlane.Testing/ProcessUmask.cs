using System.Runtime.InteropServices;

namespace ControlPlane.Testing;

/// <summary>
/// Sets the process's file-creation mask for a test and puts the previous one back when disposed. The mask is
/// process-wide: use it with a mask as loose as the usual default (022), so tests running beside it are not affected.
/// </summary>
public sealed partial class ProcessUmask : IDisposable
{
    private readonly uint _previous;

    private ProcessUmask(uint mask)
    {
        _previous = SetMask(mask);
    }

    /// <param name="mask">E.g. <c>0b000_010_010</c> for 022.</param>
    public static ProcessUmask Set(uint mask) => new(mask);

    public void Dispose() => _ = SetMask(_previous);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetMask(uint mask);
}
