using System.Diagnostics;

namespace ControlPlane.Testing;

/// <summary>Runs mount and umount for tests that need a small or read-only file system (as root).</summary>
public static class MountCommands
{
    /// <summary>Runs <paramref name="command"/> to its end.</summary>
    /// <returns>Null when it succeeded; otherwise what failed, with its stderr.</returns>
    public static string? Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{command}: {e.Message}";
        }
    }
}
