using System.ComponentModel;
using System.Diagnostics;
using System.IO.Pipes;
using ControlPlane.Agent.Native;
using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Starts the shell through <c>setsid</c>, so it is the leader of a new session and process group (pid == pgid ==
/// sid) and every process it starts inherits that group: one kill(-pgid) reaches them all. <c>setsid</c> execs the
/// shell in place (it only forks when the caller already leads a group, which a child of the agent does not), so the
/// pid the agent sees is the shell's. With a step user, <c>setpriv</c> (which also execs in place) changes the ids
/// just before the shell. Stdin is a pipe closed at once: reads see end of file, as from /dev/null.
/// </summary>
internal static class ShellProcess
{
    private const int PipeBufferBytes = 1024 * 1024;

    /// <summary>
    /// Starts the shell and waits (at most <see cref="ShellExecutorOptions.StartTimeout"/>, normally about a
    /// millisecond) until it leads its group. Takes no cancellation token on purpose: once started, a process is only
    /// ever given up through its group, so a cancel arriving now is handled by the caller's stop path.
    /// </summary>
    /// <exception cref="StepSetupException">The process could not be started or did not become a group leader in time.</exception>
    public static async Task<(Process Process, ProcessIdentity Identity)> StartAsync(
        ShellExecutorOptions options, ShellKind shell, string shellPath, StepWorkspace workspace, IReadOnlyDictionary<string, string> environment, TimeProvider timeProvider)
    {
        var start = new ProcessStartInfo(options.SetsidPath)
        {
            WorkingDirectory = workspace.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = shell == ShellKind.Bash
            ? [shellPath, "--noprofile", "--norc", "-e", "-o", "pipefail", workspace.ScriptPath]
            : [shellPath, "-e", workspace.ScriptPath];
        foreach (var argument in await DefaultSignals.PrefixAsync())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in options.StepUser is { } user ? StepUserCommand.Prefix(options.SetprivPath, user) : [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new StepSetupException($"{options.SetsidPath} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new StepSetupException($"Could not start {options.SetsidPath} {shellPath}: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        WidenPipe(process.StandardOutput.BaseStream);
        WidenPipe(process.StandardError.BaseStream);
        try
        {
            return (process, await AwaitLeadershipAsync(process, options.StartTimeout, timeProvider));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    // A chatty step writes as fast as the agent drains the pipe: with Linux's default 64 KiB, every 64 KiB waits for the
    // agent's reader to be scheduled again, which on a busy machine capped log intake near 20 MB/s (`bench logs`).
    // 1 MiB (the unprivileged maximum by default) lets it run ahead; best effort, the default size still works.
    private static void WidenPipe(Stream stream)
    {
        if (stream is PipeStream pipe)
        {
            _ = Libc.SetPipeSize(pipe.SafePipeHandle, PipeBufferBytes);
        }
    }

    // setsid(2) runs a moment after exec: until then a signal to -pid would find no group, so wait for pgid == pid.
    private static async Task<ProcessIdentity> AwaitLeadershipAsync(Process process, TimeSpan timeout, TimeProvider timeProvider)
    {
        var pid = process.Id;
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var stat = ProcessTable.TryRead(pid);
            if (stat is null)
            {
                // Exited and already reaped: nothing can be signalled by pid any more, the start time is lost.
                return new ProcessIdentity(pid, pid, 0, ProcessTable.BootId);
            }

            if (stat.Value.ProcessGroupId == pid || stat.Value.IsDead)
            {
                return new ProcessIdentity(pid, pid, stat.Value.StartTime, ProcessTable.BootId);
            }

            if (timeProvider.GetElapsedTime(started) > timeout)
            {
                throw new StepSetupException($"Process {pid} did not become a process group leader within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), timeProvider);
        }
    }
}
