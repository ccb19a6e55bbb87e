namespace ControlPlane.Server.Hosting;

/// <summary>Makes sure the data directory exists and is writable before anything is stored in it.</summary>
public static class DataDirectory
{
    /// <exception cref="UsageException">The directory cannot be created or written.</exception>
    public static string Prepare(string path)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(fullPath);
            var probe = Path.Combine(fullPath, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return fullPath;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--data-dir: cannot write to '{fullPath}': {e.Message}");
        }
    }
}
