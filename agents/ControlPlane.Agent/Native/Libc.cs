using System.Runtime.InteropServices;

namespace ControlPlane.Agent.Native;

/// <summary>The few libc calls .NET does not expose: signalling process groups, fsync of a directory, pipe sizes, chown.</summary>
internal static partial class Libc
{
    public const int NoSuchProcess = 3; // ESRCH
    public const int NotPermitted = 1; // EPERM

    // O_DIRECTORY is left out: its value differs between architectures, and Linux opens a directory read-only anyway.
    private const int ReadOnly = 0; // O_RDONLY
    private const int CloseOnExec = 0x80000; // O_CLOEXEC (same value on x86-64 and arm64)

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="processGroupId"/> (kill(-pgid)).</summary>
    /// <returns>0, or the errno (ESRCH when the group has no process left).</returns>
    public static int SignalGroup(int processGroupId, UnixSignal signal) =>
        processGroupId > 1 ? Call(Kill(-processGroupId, (int)signal)) : throw new ArgumentOutOfRangeException(nameof(processGroupId));

    /// <summary>Sends <paramref name="signal"/> to one process.</summary>
    /// <returns>0, or the errno.</returns>
    public static int SignalProcess(int pid, UnixSignal signal) =>
        pid > 1 ? Call(Kill(pid, (int)signal)) : throw new ArgumentOutOfRangeException(nameof(pid));

    /// <summary>
    /// Makes a directory's entries durable (a rename or a new file in it), which .NET cannot do because it refuses to
    /// open a directory as a file.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void SyncDirectory(string path)
    {
        var fd = Open(path, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"open({path}) for fsync failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Asks for a pipe buffer of <paramref name="bytes"/> (fcntl F_SETPIPE_SZ; at most /proc/sys/fs/pipe-max-size for
    /// an unprivileged process).
    /// </summary>
    /// <returns>The capacity granted, or -1 (the pipe keeps its size).</returns>
    public static int SetPipeSize(SafeHandle pipe, int bytes)
    {
        var added = false;
        try
        {
            pipe.DangerousAddRef(ref added);
            return Fcntl((int)pipe.DangerousGetHandle(), SetPipeSizeCommand, bytes);
        }
        finally
        {
            if (added)
            {
                pipe.DangerousRelease();
            }
        }
    }

    /// <summary>The effective user id of this process (0 for root).</summary>
    public static int EffectiveUserId() => unchecked((int)GetEuid());

    /// <summary>
    /// Gives <paramref name="path"/> to another owner (lchown: a symbolic link itself, never what it points to); -1
    /// leaves the user or the group as it is.
    /// </summary>
    /// <exception cref="IOException">The call failed (for example EPERM when the agent is not root).</exception>
    public static void ChangeOwner(string path, int userId, int groupId)
    {
        if (LChown(path, unchecked((uint)userId), unchecked((uint)groupId)) != 0)
        {
            throw new IOException($"chown({path}, {userId}, {groupId}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private const int SetPipeSizeCommand = 1031; // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7, every Linux architecture)

    private static int Call(int result) => result == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
