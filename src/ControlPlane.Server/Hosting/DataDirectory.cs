namespace ControlPlane.Server.Hosting;

/// <summary>
/// Makes sure the data directory exists, is writable and is the owner's alone before anything is stored in it: created
/// 0700 whatever the umask, and an existing directory (with everything in it) narrowed to its owner, each change
/// reported so the operator sees that the earlier modes were too wide. Files in it are created owner-only where they
/// are written (the store, <c>admin.token</c>).
/// </summary>
public static class DataDirectory
{
    private const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <exception cref="UsageException">The directory cannot be created, written or narrowed to its owner.</exception>
    public static PreparedDataDirectory Prepare(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var probe = Path.Combine(fullPath, $".write-probe-{Environment.ProcessId}");
        try
        {
            Create(fullPath);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(probe, options);
            stream.Write("ok"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--data-dir: cannot write to '{fullPath}': {e.Message}");
        }
        finally
        {
            // On a full disk the probe is created but cannot be written: it must not stay behind either.
            TryDelete(probe);
        }

        try
        {
            return new PreparedDataDirectory(fullPath, OperatingSystem.IsWindows() ? [] : NarrowToOwner(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--data-dir: '{fullPath}' is open to other users and cannot be narrowed to its owner ({e.Message}); give the server a directory of its own");
        }
    }

    private static void Create(string fullPath)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(fullPath);
            return;
        }

        // Parents are created as the umask says (they may be shared); the data directory itself is the owner's only.
        var parent = Path.GetDirectoryName(fullPath);
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        if (!Directory.Exists(fullPath))
        {
            Directory.CreateDirectory(fullPath, OwnerOnlyDirectory);
        }
    }

    /// <summary>Removes group and other permissions from the directory and everything under it; symbolic links are left alone, never followed.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static List<NarrowedEntry> NarrowToOwner(string root)
    {
        var narrowed = new List<NarrowedEntry>();
        Narrow(new DirectoryInfo(root), narrowed);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                Narrow(entry, narrowed);
                if (entry is DirectoryInfo child)
                {
                    pending.Push(child);
                }
            }
        }

        return narrowed;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Narrow(FileSystemInfo entry, List<NarrowedEntry> narrowed)
    {
        var mode = entry.UnixFileMode;
        if ((mode & GroupAndOther) != 0)
        {
            entry.UnixFileMode = mode & ~GroupAndOther;
            narrowed.Add(new NarrowedEntry(entry.FullName, mode, mode & ~GroupAndOther));
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only directory never got the probe.
        }
    }
}

/// <summary>The data directory ready for use, and the entries whose modes were narrowed to get there.</summary>
public sealed record PreparedDataDirectory(string Path, IReadOnlyList<NarrowedEntry> Narrowed);

/// <summary>A file or directory in the data directory that was open to other users and no longer is.</summary>
public sealed record NarrowedEntry(string Path, UnixFileMode Before, UnixFileMode After);
