using System.Globalization;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Reads <c>/proc</c> to see what is left of a step's process group.</summary>
internal static class ProcessGroup
{
    /// <summary>Pids of live (not zombie) processes whose group or session is <paramref name="id"/>.</summary>
    public static List<int> LiveMembers(int id)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // Fields after the command (which may hold spaces) start after the last ')': state ppid pgrp session.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var (state, group, session) = (fields[0], int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
            if (state != "Z" && state != "X" && (group == id || session == id))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    public static async Task WaitUntilGoneAsync(int id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LiveMembers(id).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                var ps = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ps", "-eo pid,ppid,pgid,sid,stat,cmd") { RedirectStandardOutput = true })!;
                var table = await ps.StandardOutput.ReadToEndAsync();
                throw new TimeoutException($"process group {id} still has live members: {string.Join(", ", LiveMembers(id))}\n{table}");
            }

            await Task.Delay(100);
        }
    }
}
