using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Storage;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old content or the new, never a torn mix: the
/// new content goes to a temporary file in the same directory, is fsynced, renamed over the target (rename(2) is
/// atomic within a file system), and the directory is fsynced so the rename itself survives a power loss.
/// </summary>
internal static class AtomicFile
{
    private const string TemporaryMarker = ".tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, created with <paramref name="mode"/>.</summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}{TemporaryMarker}{Guid.NewGuid():N}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                RandomAccess.FlushToDisk(stream.SafeFileHandle);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        Libc.SyncDirectory(directory);
    }

    /// <summary>Removes temporary files a crash left behind in <paramref name="directory"/> (their targets are intact).</summary>
    public static void DeleteTemporaries(string directory)
    {
        foreach (var leftover in Directory.EnumerateFiles(directory, "." + "*" + TemporaryMarker + "*"))
        {
            File.Delete(leftover);
        }
    }
}
