using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// One reading of a process from /proc: CPU time used so far (utime + stime of /proc/PID/stat, in clock ticks) and
/// resident memory (VmRSS of /proc/PID/status). Two readings give the CPU share over the time between them.
/// </summary>
internal readonly record struct ProcessSample(long CpuTicks, long RssKilobytes, long PrivateKilobytes, long Timestamp)
{
    // USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)); the kernel fixes it for userspace.
    private const double TicksPerSecond = 100;

    public double RssMegabytes => RssKilobytes / 1024.0;

    /// <summary>
    /// The part of RSS only this process maps (Private_Clean + Private_Dirty of /proc/PID/smaps_rollup): VmRSS also
    /// counts shared file pages (CoreLib, coreclr, the JIT) that every .NET process on the machine shares.
    /// </summary>
    public double PrivateMegabytes => PrivateKilobytes / 1024.0;

    public static ProcessSample Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rss = Kilobytes($"/proc/{pid}/status", "VmRSS:").Single();
        var unique = Kilobytes($"/proc/{pid}/smaps_rollup", "Private_Clean:", "Private_Dirty:").Sum();
        return new ProcessSample(ticks, rss, unique, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private static List<long> Kilobytes(string file, params string[] keys) =>
        File.ReadLines(file)
            .Select(l => (Line: l, Key: keys.FirstOrDefault(k => l.StartsWith(k, StringComparison.Ordinal))))
            .Where(p => p.Key is not null)
            .Select(p => long.Parse(p.Line[p.Key!.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>CPU milliseconds used between <paramref name="earlier"/> and this reading (10 ms resolution).</summary>
    public double CpuMillisecondsSince(ProcessSample earlier) => (CpuTicks - earlier.CpuTicks) * 1000 / TicksPerSecond;

    /// <summary>CPU used between <paramref name="earlier"/> and this reading, as a share of one core (1.0 = one core busy).</summary>
    public double CoreShareSince(ProcessSample earlier)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;
        return (CpuTicks - earlier.CpuTicks) / TicksPerSecond / wall;
    }
}
