namespace ControlPlane.Server.Hosting;

/// <summary>Makes sure the data directory exists and is writable before anything is stored in it.</summary>
public static class DataDirectory
{
    /// <exception cref="UsageException">The directory cannot be created or written.</exception>
    public static string Prepare(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var probe = Path.Combine(fullPath, $".write-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(fullPath);
            File.WriteAllText(probe, "ok");
            return fullPath;
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
