namespace ControlPlane.Agent.Processes;

/// <summary>
/// Reads the process table from <c>/proc</c>. The reads are synchronous on purpose: procfs files are generated from
/// kernel memory without touching a disk, and a scan of a few hundred of them takes about a millisecond.
/// </summary>
internal static class ProcessTable
{
    private const string ProcRoot = "/proc";
    private static readonly Lazy<string> CurrentBootId = new(() => File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim());

    /// <summary>Identifies the current boot, so a pid recorded before a reboot is never taken for a live one.</summary>
    public static string BootId => CurrentBootId.Value;

    /// <summary>The process's stat, or null when there is no such process (any more).</summary>
    public static ProcessStat? TryRead(int pid)
    {
        try
        {
            var text = File.ReadAllText($"{ProcRoot}/{pid}/stat");
            return ProcessStat.TryParse(text, out var stat) ? stat : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited between listing and reading, or is not visible to us.
            return null;
        }
    }

    /// <summary>Every process visible now, zombies included (callers decide what dead means to them).</summary>
    public static List<ProcessStat> Snapshot()
    {
        var processes = new List<ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories(ProcRoot))
        {
            if (int.TryParse(Path.GetFileName(directory.AsSpan()), out var pid) && TryRead(pid) is { } stat)
            {
                processes.Add(stat);
            }
        }

        return processes;
    }
}
