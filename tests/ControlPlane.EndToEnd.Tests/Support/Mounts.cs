using System.Diagnostics;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>tmpfs mounts for data directories that are read-only or full (root ignores file modes, not mount flags).</summary>
internal static class Mounts
{
    /// <summary>Mounts a tmpfs at <paramref name="path"/>; returns why not when mounting is not permitted here.</summary>
    public static string? TryMountTmpfs(string path, string options) => Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);

    public static void RemountReadOnly(string path) => Require(Run("mount", "-o", "remount,ro", path));

    public static void Unmount(string path) => Run("umount", "-l", path);

    private static void Require(string? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }
    }

    private static string? Run(string command, params string[] arguments)
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
