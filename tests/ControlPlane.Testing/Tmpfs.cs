namespace ControlPlane.Testing;

/// <summary>
/// A small tmpfs mounted on a fresh directory: a disk that fills up for real and gets room again (root only; root
/// ignores file modes, not a full file system). Unmounted and removed on dispose.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private readonly TempDirectory _directory;

    private Tmpfs(TempDirectory directory, string path)
    {
        _directory = directory;
        Path = path;
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "2m"); null with the reason when mounting is not permitted here.</summary>
    public static Tmpfs? TryMount(string size, out string? refused)
    {
        var directory = new TempDirectory("cp-tmpfs");
        var path = Directory.CreateDirectory(directory.Combine("mnt")).FullName;
        refused = MountCommands.Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        if (refused is not null)
        {
            directory.Dispose();
            return null;
        }

        return new Tmpfs(directory, path);
    }

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    /// <summary>Writes a filler file until no byte is left: from then on every file that grows gets ENOSPC.</summary>
    public void Fill()
    {
        var chunk = new byte[64 * 1024];
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                filler.Write(chunk);
            }
        }
        catch (IOException)
        {
            // No space left on device.
        }

        try
        {
            for (var i = 0; i < 64 * 1024; i++)
            {
                filler.WriteByte(0);
            }
        }
        catch (IOException)
        {
            // The last partial chunk is used up too.
        }
    }

    /// <summary>Removes the filler: the disk has room again.</summary>
    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        MountCommands.Run("umount", "-l", Path);
        _directory.Dispose();
    }
}
