namespace ControlPlane.Agent.Executors;

/// <summary>
/// The agent's work directory (<c>--work-dir</c>), under which every attempt gets its directory. It is the agent's
/// own: mode 0700 whatever the umask, or, with a step user, 0710 with the step user's group, so the step user can pass
/// through to its attempt's workspace (whose path it is given) but cannot list the directory.
/// </summary>
internal static class WorkDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Shared = UnixFileMode.StickyBit | UnixFileMode.OtherWrite;

    /// <summary>
    /// Held while run and step directories are created (<see cref="StepWorkspace"/>) or removed once empty
    /// (<see cref="Attempts.AttemptDirectoryRemover.RemoveEmptyParents"/>), so the one never undoes the other halfway.
    /// </summary>
    public static readonly Lock Layout = new();

    /// <summary>Creates the directory, or narrows an existing one to the modes above; returns its full path.</summary>
    /// <exception cref="Configuration.AgentUsageException">
    /// The path is a shared directory (sticky or writable by everyone, such as /tmp), which the agent will not take
    /// over, or it cannot be created or given its mode.
    /// </exception>
    public static string Prepare(string path, StepUser? stepUser)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (Directory.Exists(full) && (File.GetUnixFileMode(full) & Shared) != 0)
            {
                throw new Configuration.AgentUsageException($"--work-dir: {full} is a shared directory (mode {Octal(File.GetUnixFileMode(full))}); give the agent a directory of its own, e.g. {Path.Combine(full, "cp-work")}");
            }

            Directory.CreateDirectory(full, OwnerOnly);
            File.SetUnixFileMode(full, stepUser is null ? OwnerOnly : OwnerOnly | UnixFileMode.GroupExecute);
            if (stepUser is not null)
            {
                Native.Libc.ChangeOwner(full, -1, stepUser.GroupId);
                EnsureReachable(full, stepUser);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Configuration.AgentUsageException($"--work-dir: cannot prepare {full}: {e.Message}", e);
        }

        return full;
    }

    // Every directory above the work directory must let the step user pass (a work dir under /root would not): tried
    // once at start as that user, so the failure is one clear line instead of every step failing to start.
    private static void EnsureReachable(string directory, StepUser user)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Shell.StepUserCommand.Program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in Shell.StepUserCommand.Prefix(Shell.StepUserCommand.Program, user).Skip(1).Concat(["/bin/sh", "-c", "cd -- \"$1\"", "sh", directory]))
        {
            start.ArgumentList.Add(argument);
        }

        using var probe = System.Diagnostics.Process.Start(start) ?? throw new IOException($"{Shell.StepUserCommand.Program} did not start");
        var error = probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        if (probe.ExitCode != 0)
        {
            throw new Configuration.AgentUsageException($"--work-dir: the step user {user.Name} cannot reach {directory} (a directory above it is closed to that user: {error.Trim()}); put the work directory where every directory above it is passable (o+x)");
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
