using System.Globalization;

namespace ControlPlane.Agent.Tests.Support;

/// <summary>
/// Reads /proc independently of the agent's own parser, so tests check the kernel's view rather than the code under
/// test. Zombies count as not alive: pid 1 of some containers never reaps orphans.
/// </summary>
internal static class Proc
{
    public sealed record Stat(int Pid, char State, int ParentPid, int ProcessGroupId, int SessionId, long StartTime)
    {
        public bool IsAlive => State is not ('Z' or 'X');
    }

    public static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new Stat(pid, fields[0][0], Int(fields[1]), Int(fields[2]), Int(fields[3]), long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    public static bool IsAlive(int pid) => Read(pid)?.IsAlive == true;

    /// <summary>Live processes whose group or session is <paramref name="id"/>.</summary>
    public static List<Stat> LiveInGroupOrSession(int id) =>
        [.. AllPids().Select(Read).OfType<Stat>().Where(s => s.IsAlive && (s.ProcessGroupId == id || s.SessionId == id))];

    /// <summary>Waits (polling) until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Reads a pid a script wrote to a file, waiting for the file to appear.</summary>
    public static async Task<int> ReadPidFileAsync(string path)
    {
        await WaitUntilAsync(() => File.Exists(path) && File.ReadAllText(path).EndsWith('\n'), TimeSpan.FromSeconds(10), $"{path} is written");
        return Int(File.ReadAllText(path).Trim());
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => Int(n!));

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
