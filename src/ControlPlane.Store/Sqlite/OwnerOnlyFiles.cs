namespace ControlPlane.Store.Sqlite;

/// <summary>
/// Keeps the database and SQLite's files beside it (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>) readable by the owner only,
/// whatever the umask: the database holds logs, outputs and token hashes. SQLite creates its side files with the
/// database file's own mode (the unix VFS copies it), so the database is created 0600 before SQLite opens it, and side
/// files left with wider modes by an earlier version are narrowed.
/// </summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] SideFiles = ["", "-wal", "-shm", "-journal"];

    /// <summary>Creates the database file empty and 0600 when missing (an empty file is an empty database), then narrows the files that exist.</summary>
    /// <exception cref="IOException">A file cannot be created or its mode changed.</exception>
    public static void Prepare(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            using (new FileStream(databasePath, options))
            {
            }
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // It was there already (or appeared meanwhile): narrowed below.
        }

        foreach (var suffix in SideFiles)
        {
            var path = databasePath + suffix;
            if (File.Exists(path) && !new FileInfo(path).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                var mode = File.GetUnixFileMode(path);
                if ((mode & GroupAndOther) != 0)
                {
                    File.SetUnixFileMode(path, mode & ~GroupAndOther);
                }
            }
        }
    }
}
