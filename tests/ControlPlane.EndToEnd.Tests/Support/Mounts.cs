using ControlPlane.Testing;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>tmpfs mounts for data directories that are read-only or full (root ignores file modes, not mount flags).</summary>
internal static class Mounts
{
    /// <summary>Mounts a tmpfs at <paramref name="path"/>; returns why not when mounting is not permitted here.</summary>
    public static string? TryMountTmpfs(string path, string options) => MountCommands.Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);

    public static void RemountReadOnly(string path) => Require(MountCommands.Run("mount", "-o", "remount,ro", path));

    public static void Unmount(string path) => MountCommands.Run("umount", "-l", path);

    private static void Require(string? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }
    }
}
