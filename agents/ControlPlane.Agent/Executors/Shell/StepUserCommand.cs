namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Drops a step to its <see cref="StepUser"/> with util-linux <c>setpriv</c>, placed between setsid and the shell:
/// <c>setpriv --reuid=U --regid=G --init-groups -- shell ...</c> sets the real, effective and saved uid and gid and
/// the user's supplementary groups, then execs the shell in place, so the pid the agent recorded stays the shell's.
/// Why a program and not setuid(2) in the child: .NET's Process cannot run code between fork and exec, and setpriv is
/// the tool util-linux ships for exactly this (present wherever setsid is). Numeric ids are passed, so no name from the
/// configuration reaches a command line. With real and effective ids changed, the shell is an ordinary process of
/// that user: it cannot signal or ptrace the agent (root), and /proc of the agent is closed to it except cmdline,
/// which carries no secret (the registration token comes from a file or the environment).
/// </summary>
internal static class StepUserCommand
{
    /// <summary>The util-linux program; looked up in PATH.</summary>
    public const string Program = "setpriv";

    /// <summary>The arguments that run what follows as <paramref name="user"/>.</summary>
    public static string[] Prefix(string setprivPath, StepUser user) =>
        [setprivPath, $"--reuid={user.UserId}", $"--regid={user.GroupId}", "--init-groups", "--"];

    /// <summary>Whether setpriv is in the agent's PATH.</summary>
    public static bool IsAvailable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } value ? value : "/usr/local/bin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, Program)));
    }
}
